package params

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func decode(t *testing.T, raw string) *Set {
	t.Helper()
	p, err := Decode("someMethod", json.RawMessage(raw))
	if err != nil {
		t.Fatalf("Decode(%s): %v", raw, err)
	}
	return p
}

// assertRefused checks that err is an *Error for param whose details name it.
func assertRefused(t *testing.T, err error, param string) {
	t.Helper()
	var refused *Error
	if !errors.As(err, &refused) || refused.Param != param || !strings.Contains(refused.Details, "'"+param+"'") || refused.Error() != refused.Details {
		t.Fatalf("want a refusal of %s, got %#v", param, err)
	}
}

func TestDecodeShapes(t *testing.T) {
	for _, raw := range []string{``, `null`, `[]`, ` [ ] `, `{}`} {
		if p := decode(t, raw); len(p.Names()) != 0 {
			t.Errorf("Decode(%s) has members %v", raw, p.Names())
		}
	}
	for _, raw := range []string{`"x"`, `3`, `[1]`, `{"companyId": "a",}`} {
		_, err := Decode("someMethod", json.RawMessage(raw))
		assertRefused(t, err, "params")
	}
	p := decode(t, `{"a": null, "b": 1}`)
	if p.Has("a") || !p.Has("b") {
		t.Errorf("null must count as omitted: %v", p.Names())
	}
	assertRefused(t, p.Allow("a"), "b")
	if p.Allow("a", "b") != nil {
		t.Error("accepted members refused")
	}
}

// TestIntegers: integers are JSON integers of any size that fits; fractions are refused even when
// they are whole (the API types these members as integers).
func TestIntegers(t *testing.T) {
	p := decode(t, `{"whole": 99999999999, "negative": -3, "fraction": 1.5, "wholeFraction": 1.0, "exponent": 1e3,
		"text": "1", "huge": 99999999999999999999, "list": [1, 2.0]}`)
	if v, ok, err := p.Int("whole"); err != nil || !ok || v != 99999999999 {
		t.Errorf("whole: %d %v %v", v, ok, err)
	}
	if v, _, err := p.Int("negative"); err != nil || v != -3 {
		t.Errorf("negative: %d %v", v, err)
	}
	for _, n := range []string{"fraction", "wholeFraction", "exponent", "text", "huge"} {
		_, ok, err := p.Int(n)
		if !ok {
			t.Errorf("%s: not reported as sent", n)
		}
		assertRefused(t, err, n)
	}
	_, _, err := p.IntList("list")
	assertRefused(t, err, "list[1]")
	if _, ok, err := p.Int("absent"); ok || err != nil {
		t.Errorf("absent: %v %v", ok, err)
	}
}

func TestScalarsAndObjects(t *testing.T) {
	p := decode(t, `{"s": "x", "b": true, "bit": 1, "notBool": "true", "notString": 5, "o": {"inner": 2, "gone": null},
		"emptyList": [], "notObject": [], "strings": ["a", 3]}`)
	if v, _, err := p.String("s"); err != nil || v != "x" {
		t.Errorf("s: %q %v", v, err)
	}
	_, _, err := p.String("notString")
	assertRefused(t, err, "notString")
	if v, _, err := p.Bool("b"); err != nil || !v {
		t.Errorf("b: %v %v", v, err)
	}
	_, _, err = p.Bool("notBool")
	assertRefused(t, err, "notBool")
	_, _, err = p.Bool("bit")
	assertRefused(t, err, "bit")
	if v, _, err := p.BoolOrBit("bit"); err != nil || !v {
		t.Errorf("bit: %v %v", v, err)
	}
	_, err = p.RequiredString("missing")
	assertRefused(t, err, "missing")
	o, ok, err := p.Object("o")
	if err != nil || !ok || o.Has("gone") || o.Name("inner") != "o.inner" {
		t.Fatalf("o: %v %v", ok, err)
	}
	assertRefused(t, o.Allow("other"), "o.inner")
	_, _, err = p.Object("notObject")
	assertRefused(t, err, "notObject")
	if !p.IsEmptyArray("emptyList") || p.IsEmptyArray("s") || p.IsEmptyArray("absent") {
		t.Error("IsEmptyArray")
	}
	_, _, err = p.StringList("strings")
	assertRefused(t, err, "strings[1]")
	assertRefused(t, p.Invalid("s", "why."), "s")
}
