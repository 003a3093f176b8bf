// Package params is the simulator's one decoder of JSON-RPC parameters. Every method, the licensing
// rules included, reads its params object through a Set, so a value is accepted or refused the same
// way, with the same wording, wherever it is sent.
//
// What the decoder accepts, as a typed backend such as GravityZone's reads JSON:
//   - JSON null for a member counts as the member omitted.
//   - An integer parameter must be a JSON number written as an integer: 1.0 and 1e3 are refused,
//     as the API types these parameters as integers. Any integer that fits in 64 bits is read,
//     then checked against the parameter's own range, so 99999999999 is answered with that range.
//   - A boolean is true or false; a string is a JSON string; nothing is converted.
//   - A nested object must be a JSON object. "params": [] (and null, or no params) stands for no
//     parameters, as the vendor's own example sends it.
//   - Unknown member names are refused, naming the member and listing the accepted ones.
//
// Every refusal is an *Error naming the parameter by its path as sent, e.g.
// "licenseSubscription.ownUse.manageHyperDetect" or "additionalProductTypes[1]".
package params

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Error is a refused parameter; the server answers it with JSON-RPC -32602 "Invalid params" and
// Details as data.details.
type Error struct {
	// Param is the parameter's path as sent, e.g. "ownUse.manageXDRNetwork".
	Param string
	// Details is a sentence a person can act on; it names the parameter.
	Details string
}

// Error returns Details.
func (e *Error) Error() string { return e.Details }

// Set is one params object, or an object nested in it, with its null members dropped.
type Set struct {
	method string
	prefix string // "contactPerson." for a nested object; "" for the params object
	values map[string]json.RawMessage
}

// Decode reads the params of method: absent, null and [] mean no parameters; anything but an
// object is refused.
func Decode(method string, raw json.RawMessage) (*Set, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" || isEmptyArray(trimmed) {
		return &Set{method: method, values: map[string]json.RawMessage{}}, nil
	}
	values, ok := object(trimmed)
	if !ok {
		return nil, &Error{Param: "params", Details: fmt.Sprintf("Invalid value for 'params': the params of %s must be a JSON object.", method)}
	}
	return &Set{method: method, values: values}, nil
}

func isEmptyArray(raw []byte) bool {
	var list []json.RawMessage
	return raw[0] == '[' && json.Unmarshal(raw, &list) == nil && len(list) == 0
}

// object decodes a JSON object without its null members.
func object(raw []byte) (map[string]json.RawMessage, bool) {
	var values map[string]json.RawMessage
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &values) != nil {
		return nil, false
	}
	for name, value := range values {
		if string(bytes.TrimSpace(value)) == "null" {
			delete(values, name)
		}
	}
	return values, true
}

// Name is the path of member n as the caller sent it.
func (p *Set) Name(n string) string { return p.prefix + n }

// Names returns the members sent, sorted.
func (p *Set) Names() []string {
	names := make([]string, 0, len(p.values))
	for n := range p.values {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Errorf refuses member n with details of its own; they should name p.Name(n).
func (p *Set) Errorf(n, format string, args ...any) *Error {
	return &Error{Param: p.Name(n), Details: fmt.Sprintf(format, args...)}
}

// Invalid refuses the value of member n: "Invalid value for 'n': " followed by the reason.
func (p *Set) Invalid(n, format string, args ...any) *Error {
	return p.Errorf(n, "Invalid value for '%s': %s", p.Name(n), fmt.Sprintf(format, args...))
}

// Missing refuses a request that lacks the required member n.
func (p *Set) Missing(n string) *Error {
	return p.Errorf(n, "Missing required parameter '%s' for %s.", p.Name(n), p.method)
}

// Allow refuses any member not in accepted, naming the first in sorted order.
func (p *Set) Allow(accepted ...string) error {
	for _, n := range p.Names() {
		if !slices.Contains(accepted, n) {
			where := p.method
			if p.prefix != "" {
				where = strings.TrimSuffix(p.prefix, ".")
			}
			return p.Errorf(n, "Unknown parameter '%s': %s accepts only %s (names are case-sensitive).", p.Name(n), where, strings.Join(accepted, ", "))
		}
	}
	return nil
}

// Has reports whether member n was sent (and not as null).
func (p *Set) Has(n string) bool {
	_, ok := p.values[n]
	return ok
}

// IsEmptyArray reports whether member n was sent as [], which some members document as "none".
func (p *Set) IsEmptyArray(n string) bool {
	raw, ok := p.values[n]
	return ok && isEmptyArray(bytes.TrimSpace(raw))
}

// Object returns member n, which must be a JSON object, as a nested Set.
func (p *Set) Object(n string) (*Set, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return nil, false, nil
	}
	values, isObject := object(bytes.TrimSpace(raw))
	if !isObject {
		return nil, true, p.Invalid(n, "expected a JSON object; got %s.", raw)
	}
	return &Set{method: p.method, prefix: p.Name(n) + ".", values: values}, true, nil
}

// String returns member n, which must be a JSON string.
func (p *Set) String(n string) (string, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return "", false, nil
	}
	v, err := p.decodeString(n, raw)
	return v, true, err
}

// RequiredString is String for a member that must be sent.
func (p *Set) RequiredString(n string) (string, error) {
	v, ok, err := p.String(n)
	if err == nil && !ok {
		err = p.Missing(n)
	}
	return v, err
}

// Bool returns member n, which must be true or false.
func (p *Set) Bool(n string) (bool, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return false, false, nil
	}
	switch string(bytes.TrimSpace(raw)) {
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, true, p.Invalid(n, "expected true or false; got %s.", raw)
}

// BoolOrBit is Bool that also takes 1 and 0, for a flag documented as an integer and sent as a
// boolean in the vendor's own example.
func (p *Set) BoolOrBit(n string) (bool, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return false, false, nil
	}
	switch string(bytes.TrimSpace(raw)) {
	case "true", "1":
		return true, true, nil
	case "false", "0":
		return false, true, nil
	}
	return false, true, p.Invalid(n, "expected true or false (1 or 0 are accepted too); got %s.", raw)
}

// Int returns member n, which must be a JSON integer.
func (p *Set) Int(n string) (int, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return 0, false, nil
	}
	v, err := p.decodeInt(n, raw)
	return v, true, err
}

// IntList returns member n, an array of integers; an element is named n[i] when refused.
func (p *Set) IntList(n string) ([]int, bool, error) { return list(p, n, p.decodeInt) }

// StringList returns member n, an array of strings; an element is named n[i] when refused.
func (p *Set) StringList(n string) ([]string, bool, error) { return list(p, n, p.decodeString) }

func list[T any](p *Set, n string, decode func(string, json.RawMessage) (T, error)) ([]T, bool, error) {
	items, ok, err := p.array(n)
	if err != nil || !ok {
		return nil, ok, err
	}
	out := make([]T, len(items))
	for i, item := range items {
		if out[i], err = decode(fmt.Sprintf("%s[%d]", n, i), item); err != nil {
			return nil, true, err
		}
	}
	return out, true, nil
}

func (p *Set) array(n string) ([]json.RawMessage, bool, error) {
	raw, ok := p.values[n]
	if !ok {
		return nil, false, nil
	}
	var items []json.RawMessage
	if trimmed := bytes.TrimSpace(raw); trimmed[0] != '[' || json.Unmarshal(trimmed, &items) != nil {
		return nil, true, p.Invalid(n, "expected an array; got %s.", raw)
	}
	return items, true, nil
}

func (p *Set) decodeString(n string, raw json.RawMessage) (string, error) {
	var v string
	if trimmed := bytes.TrimSpace(raw); len(trimmed) == 0 || trimmed[0] != '"' || json.Unmarshal(trimmed, &v) != nil {
		return "", p.Invalid(n, "expected a string; got %s.", raw)
	}
	return v, nil
}

func (p *Set) decodeInt(n string, raw json.RawMessage) (int, error) {
	v, err := strconv.Atoi(string(bytes.TrimSpace(raw)))
	if err != nil {
		return 0, p.Invalid(n, "expected an integer; got %s.", raw)
	}
	return v, nil
}
