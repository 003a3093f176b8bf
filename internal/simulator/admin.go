package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// adminPrefix is where the administrative endpoints live, beside /api.
const adminPrefix = "/_simulator/"

// CreateAPIKey creates an extra API key owned by a partner or customer company, as a key created by
// a user of that company would be in GravityZone: calls made with it see only that company and its
// descendants, a customer's key is refused the partner-only parameters (R33), and a key created with
// enabledAPIs (e.g. "companies", "licensing") is answered HTTP 403 on every other API.
func (s *Server) CreateAPIKey(companyID string, enabledAPIs ...string) (string, error) {
	for _, api := range enabledAPIs {
		if !slices.Contains(documentedServices, api) {
			return "", fmt.Errorf("enabledApis: %q is not a GravityZone API (the APIs are %s)", api, strings.Join(documentedServices, ", "))
		}
	}
	if enabledAPIs != nil {
		enabledAPIs = slices.Compact(slices.Sorted(slices.Values(enabledAPIs)))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.Companies[companyID] == nil {
		return "", fmt.Errorf("company %s does not exist", companyID)
	}
	key := s.st.newAPIKey(companyID, enabledAPIs, s.seed, s.now())
	if err := s.persistLocked(); err != nil {
		return "", err
	}
	return key, nil
}

// serveAdmin serves the /_simulator/ endpoints; they require the main API key.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, endpoint string) {
	key, _, authErr := s.authenticate(r)
	if authErr == nil && key != s.apiKey {
		authErr = errUnauthorized("The administrative endpoints accept only the simulator's main API key.")
	}
	if authErr != nil {
		w.Header().Set("WWW-Authenticate", `Basic realm="GravityZone API"`)
		writeAdminError(w, http.StatusUnauthorized, authErr.Data.Details)
		return
	}
	allowed := map[string]string{"stats": http.MethodGet, "state": http.MethodGet, "usage": http.MethodPost,
		"reset": http.MethodPost, "apikeys": http.MethodPost}[endpoint]
	switch {
	case allowed == "":
		writeAdminError(w, http.StatusNotFound, fmt.Sprintf("Unknown endpoint %s%s; the endpoints are stats, state, usage, reset and apikeys.", adminPrefix, endpoint))
		return
	case r.Method != allowed:
		w.Header().Set("Allow", allowed)
		writeAdminError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s%s accepts only %s.", adminPrefix, endpoint, allowed))
		return
	}
	switch endpoint {
	case "stats":
		writeJSON(w, http.StatusOK, s.Stats())
	case "state":
		data, err := s.stateJSON()
		if err != nil {
			writeAdminError(w, http.StatusInternalServerError, err.Error())
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(data)
	case "usage":
		var body struct {
			CompanyID string             `json:"companyId"`
			Month     string             `json:"month"`
			UsedSlots int                `json:"usedSlots"`
			Counters  map[string]float64 `json:"counters"`
		}
		if err := decodeAdminBody(r, &body); err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		if err := s.SetUsage(body.CompanyID, body.Month, body.UsedSlots, body.Counters); err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, body)
	case "reset":
		if err := s.Reset(); err != nil {
			writeAdminError(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"rootCompanyId": s.RootCompanyID()})
	case "apikeys":
		var body struct {
			CompanyID   string   `json:"companyId"`
			EnabledAPIs []string `json:"enabledApis"`
		}
		if err := decodeAdminBody(r, &body); err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		if body.EnabledAPIs != nil && len(body.EnabledAPIs) == 0 {
			writeAdminError(w, http.StatusBadRequest, "enabledApis: list at least one API, or leave it out for all of them")
			return
		}
		key, err := s.CreateAPIKey(body.CompanyID, body.EnabledAPIs...)
		if err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		s.mu.Lock()
		apis := s.st.apisOfKey(key)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"apiKey": key, "companyId": body.CompanyID, "enabledApis": apis})
	}
}

// decodeAdminBody decodes a JSON body strictly: unknown fields are errors, so typos are not ignored.
func decodeAdminBody(r *http.Request, v any) error {
	decoder := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(v); err != nil {
		return fmt.Errorf("invalid request body: %w", err)
	}
	if decoder.More() {
		return errors.New("invalid request body: more than one JSON value")
	}
	return nil
}

func writeAdminError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}
