package simulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator/licensing"
)

const (
	stateVersion = 1

	companyTypePartner  = 0
	companyTypeCustomer = 1

	// createdAtLayout is how the API writes company dates: UTC without a zone.
	createdAtLayout = "2006-01-02T15:04:05"
	// keyCreatedAtLayout is how getApiKeyDetails writes its date: with an explicit offset.
	keyCreatedAtLayout = "2006-01-02T15:04:05-07:00"

	rootCompanyName = "Simulator Partner"
)

// state is everything the simulator knows; it is also the JSON state file's format.
type state struct {
	Version int `json:"version"`
	// RootID is the root partner company, owned by the main API key.
	RootID string `json:"rootCompanyId"`
	// RootKeyCreatedAt is what getApiKeyDetails reports for the main API key.
	RootKeyCreatedAt string `json:"rootKeyCreatedAt"`
	// Sequence numbers every generated id, so ids stay deterministic after a reload.
	Sequence  uint64              `json:"sequence"`
	Companies map[string]*company `json:"companies"`
	// APIKeys are the keys created through /_simulator/apikeys (the main key is never stored).
	APIKeys map[string]apiKeyRecord `json:"apiKeys"`
}

type apiKeyRecord struct {
	CompanyID string `json:"companyId"`
	CreatedAt string `json:"createdAt"`
}

// company is one partner or customer company with its license and usage.
type company struct {
	// Seq orders companies by creation (results are listed oldest first).
	Seq                 uint64         `json:"seq"`
	ID                  string         `json:"id"`
	Name                string         `json:"name"`
	Type                int            `json:"type"`
	ParentID            string         `json:"parentId,omitempty"`
	Address             string         `json:"address"`
	Phone               string         `json:"phone"`
	Country             string         `json:"country"`
	State               string         `json:"state"`
	Industry            int            `json:"industry"`
	CanBeManagedByAbove bool           `json:"canBeManagedByAbove"`
	Enforce2FA          bool           `json:"enforce2FA"`
	Skip2FAPeriod       int            `json:"skip2FAPeriod"`
	IsSuspended         bool           `json:"isSuspended"`
	CreatedAt           string         `json:"createdAt"`
	ContactPerson       *contactPerson `json:"contactPerson,omitempty"`
	CustomFields        map[string]any `json:"customFields"`
	// Account is the first user created with the company (accountEmail, ...), if any.
	Account *userAccount      `json:"account,omitempty"`
	License licensing.License `json:"license"`
	// Usage is the company's own usage (descendants excluded) by month "YYYY-MM".
	Usage map[string]usageRecord `json:"usage,omitempty"`
}

type contactPerson struct {
	FullName    string `json:"fullName"`
	Email       string `json:"email"`
	PhoneNumber string `json:"phoneNumber"`
	CompanyRole string `json:"companyRole"`
}

type userAccount struct {
	Email    string `json:"email"`
	FullName string `json:"fullName"`
	Timezone string `json:"timezone"`
	Language string `json:"language"`
}

// usageRecord is what POST /_simulator/usage sets for one company and month.
type usageRecord struct {
	UsedSlots int                `json:"usedSlots"`
	Counters  map[string]float64 `json:"counters"`
}

// newState returns the state of a fresh simulator: the root partner company alone. The root's id
// depends only on the seed.
func newState(seed int64, now time.Time) *state {
	st := &state{
		Version:          stateVersion,
		RootKeyCreatedAt: now.Format(keyCreatedAtLayout),
		Companies:        map[string]*company{},
		APIKeys:          map[string]apiKeyRecord{},
	}
	root := &company{
		Name:                rootCompanyName,
		Type:                companyTypePartner,
		CanBeManagedByAbove: true,
		Enforce2FA:          true,
		CreatedAt:           now.Format(createdAtLayout),
		CustomFields:        map[string]any{},
		License:             licensing.Root(),
	}
	st.add(root, seed)
	st.RootID = root.ID
	return st
}

// add gives c a fresh id and creation number and stores it.
func (st *state) add(c *company, seed int64) {
	c.ID = st.newHex("company", seed, 12, func(id string) bool { return st.Companies[id] != nil })
	c.Seq = st.Sequence
	st.Companies[c.ID] = c
}

// newAPIKey creates a key owned by companyID.
func (st *state) newAPIKey(companyID string, seed int64, now time.Time) string {
	key := st.newHex("api-key", seed, 20, func(k string) bool { _, taken := st.APIKeys[k]; return taken })
	st.APIKeys[key] = apiKeyRecord{CompanyID: companyID, CreatedAt: now.Format(keyCreatedAtLayout)}
	return key
}

// newHex derives the next deterministic identifier (size bytes, hex-encoded) from the seed and the sequence.
func (st *state) newHex(purpose string, seed int64, size int, taken func(string) bool) string {
	for {
		st.Sequence++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s/%d/%d", purpose, seed, st.Sequence))
		id := hex.EncodeToString(sum[:size])
		if !taken(id) {
			return id
		}
	}
}

// manages reports whether id is callerID or one of its descendants.
func (st *state) manages(callerID, id string) bool {
	for c := st.Companies[id]; c != nil; c = st.Companies[c.ParentID] {
		if c.ID == callerID {
			return true
		}
	}
	return false
}

// managed returns the company id when it is in the caller's tree; otherwise the not-found error.
func (st *state) managed(callerID, id string) (*company, error) {
	if !st.manages(callerID, id) {
		return nil, errCompanyNotFound(id)
	}
	return st.Companies[id], nil
}

// children returns the direct children of id, oldest first.
func (st *state) children(id string) []*company {
	var out []*company
	for _, c := range st.Companies {
		if c.ParentID == id {
			out = append(out, c)
		}
	}
	sortBySeq(out)
	return out
}

// descendants returns every company below id, oldest first.
func (st *state) descendants(id string) []*company {
	var out []*company
	for _, c := range st.Companies {
		if c.ID != id && st.manages(id, c.ID) {
			out = append(out, c)
		}
	}
	sortBySeq(out)
	return out
}

func sortBySeq(companies []*company) {
	sort.Slice(companies, func(i, j int) bool { return companies[i].Seq < companies[j].Seq })
}

// loadState reads a state file; a missing file yields a nil state and no error.
func loadState(path string) (*state, []byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading state file: %w", err)
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, nil, fmt.Errorf("state file %s is not valid simulator state: %w", path, err)
	}
	if err := st.check(); err != nil {
		return nil, nil, fmt.Errorf("state file %s: %w", path, err)
	}
	return &st, data, nil
}

// check verifies the invariants a hand-edited or foreign state file could break.
func (st *state) check() error {
	if st.Version != stateVersion {
		return fmt.Errorf("unsupported version %d (this simulator writes version %d)", st.Version, stateVersion)
	}
	if root := st.Companies[st.RootID]; root == nil || root.ParentID != "" {
		return errors.New("the root company is missing")
	}
	if st.APIKeys == nil {
		st.APIKeys = map[string]apiKeyRecord{}
	}
	for _, record := range st.APIKeys {
		if st.Companies[record.CompanyID] == nil {
			return fmt.Errorf("an API key belongs to company %s, which does not exist", record.CompanyID)
		}
	}
	for id, c := range st.Companies {
		if c == nil || c.ID != id {
			return fmt.Errorf("company entry %s does not carry its own id", id)
		}
	}
	for id, c := range st.Companies {
		// Walk up at most len(Companies) steps: a parent cycle must not hang manages().
		ancestor := c
		for steps := 0; ancestor != nil && ancestor.ID != st.RootID && steps <= len(st.Companies); steps++ {
			ancestor = st.Companies[ancestor.ParentID]
		}
		if ancestor == nil || ancestor.ID != st.RootID {
			return fmt.Errorf("company %s is not below the root company", id)
		}
		if c.CustomFields == nil {
			c.CustomFields = map[string]any{}
		}
	}
	return nil
}

// persistLocked writes the state file (when configured) after a change. When writing fails the
// in-memory state goes back to the last saved one, so a change is never half applied.
// The caller holds s.mu.
func (s *Server) persistLocked() error {
	if s.statePath == "" {
		return nil
	}
	data, err := json.MarshalIndent(s.st, "", "  ")
	if err == nil {
		data = append(data, '\n')
		err = writeFileAtomic(s.statePath, data)
	}
	if err != nil {
		if s.saved != nil {
			var previous state
			if json.Unmarshal(s.saved, &previous) == nil {
				s.st = &previous
			}
		}
		return err
	}
	s.saved = data
	return nil
}

// writeFileAtomic replaces path with data through a temporary file in the same directory and a
// rename, so readers never see a partly written file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// stateJSON returns the whole state as served by GET /_simulator/state.
func (s *Server) stateJSON() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return json.MarshalIndent(s.st, "", "  ")
}
