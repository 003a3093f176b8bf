package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// adminPrefix is where the administrative endpoints live, beside /api.
const adminPrefix = "/_simulator/"

// CreateAPIKey creates an extra API key owned by a partner company. Calls made with it see only
// that company and its descendants, as a key created by a user of that company would in GravityZone.
func (s *Server) CreateAPIKey(companyID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.st.Companies[companyID]
	if c == nil {
		return "", fmt.Errorf("company %s does not exist", companyID)
	}
	if c.Type != companyTypePartner {
		return "", fmt.Errorf("company %s is a customer; the simulator creates API keys for partner companies only", companyID)
	}
	key := s.st.newAPIKey(companyID, s.seed, s.now())
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
			CompanyID string `json:"companyId"`
		}
		if err := decodeAdminBody(r, &body); err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		key, err := s.CreateAPIKey(body.CompanyID)
		if err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"apiKey": key, "companyId": body.CompanyID})
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
