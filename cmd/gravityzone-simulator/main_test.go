package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

// startedSimulator is what the command printed on start.
type startedSimulator struct {
	url, key, rootID string
}

// readStartLines reads the three KEY=VALUE lines the command prints on start.
func readStartLines(t *testing.T, stdout io.Reader) startedSimulator {
	t.Helper()
	lines := make(chan map[string]string, 1)
	go func() {
		values := map[string]string{}
		scanner := bufio.NewScanner(stdout)
		for len(values) < 3 && scanner.Scan() {
			name, value, _ := strings.Cut(scanner.Text(), "=")
			values[name] = value
		}
		lines <- values
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case values := <-lines:
		s := startedSimulator{values["GRAVITYZONE_API_URL"], values["GRAVITYZONE_API_KEY"], values["GRAVITYZONE_ROOT_COMPANY_ID"]}
		if s.url == "" || s.key == "" || s.rootID == "" {
			t.Fatalf("start lines: %v", values)
		}
		return s
	case <-time.After(20 * time.Second):
		t.Fatal("the simulator printed nothing")
	}
	return startedSimulator{}
}

// callAPI calls getCompanyDetails and returns the company id from the result.
func callAPI(t *testing.T, client *http.Client, s startedSimulator) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.url+"/v1.0/jsonrpc/companies",
		strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"getCompanyDetails","params":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(s.key, "")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct {
		Result struct{ ID string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatal(err)
	}
	return answer.Result.ID
}

func TestBinaryStartsServesAndStopsOnSIGTERM(t *testing.T) {
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	binary := filepath.Join(t.TempDir(), "gravityzone-simulator")
	if out, err := exec.Command(gotool, "build", "-o", binary, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(binary, "--listen", "127.0.0.1:0", "--api-key", "test-key", "--seed", "5")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	s := readStartLines(t, stdout)
	if !strings.HasPrefix(s.url, "http://127.0.0.1:") || strings.HasSuffix(s.url, ":0/api") || s.key != "test-key" {
		t.Fatalf("start lines: %+v", s)
	}
	if id := callAPI(t, http.DefaultClient, s); id != s.rootID {
		t.Fatalf("getCompanyDetails returned %q, want the printed root %q", id, s.rootID)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the simulator did not stop after SIGTERM")
	}
}

func TestRunWithSelfSignedTLS(t *testing.T) {
	pemPath := filepath.Join(t.TempDir(), "simulator.pem")
	ctx, cancel := context.WithCancel(context.Background())
	stdoutReader, stdoutWriter := io.Pipe()
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, []string{"--listen", ":0", "--tls-self-signed", pemPath, "--rate-limits", "off"}, stdoutWriter, io.Discard)
	}()
	s := readStartLines(t, stdoutReader)
	if !strings.HasPrefix(s.url, "https://127.0.0.1:") {
		t.Fatalf("URL %q", s.url)
	}
	certPEM, err := os.ReadFile(pemPath)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(certPEM) {
		t.Fatal("the written PEM holds no certificate")
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	if id := callAPI(t, client, s); id != s.rootID {
		t.Fatalf("getCompanyDetails over TLS returned %q", id)
	}
	cancel()
	select {
	case code := <-exit:
		stdoutWriter.Close() // ends readStartLines' reader
		if code != exitOK {
			t.Fatalf("exit code %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after cancellation")
	}
}

func TestBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"--rate-limits", "sometimes"}, "--rate-limits"},
		{[]string{"--rate-limit-multiplier", "-1"}, "--rate-limit-multiplier"},
		{[]string{"--rate-limit-multiplier", "x"}, "rate-limit-multiplier"},
		{[]string{"--latency", "soon"}, "latency"},
		{[]string{"--latency", "-1s"}, "--latency"},
		{[]string{"--faults", "createCompany:explode:1"}, "faults"},
		{[]string{"--listen", "0.0.0.0:0"}, "--listen"},
		{[]string{"--listen", "nonsense"}, "--listen"},
		{[]string{"--api-key", ""}, "--api-key"},
		{[]string{"--license-info-unset", "empty"}, "license-info-unset"},
		{[]string{"--rate-limit-answer", "xml"}, "rate-limit-answer"},
		{[]string{"--no-such-flag"}, "no-such-flag"},
		{[]string{"extra"}, "extra"},
	} {
		var stderr bytes.Buffer
		code := run(context.Background(), tc.args, io.Discard, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tc.flag) {
			t.Errorf("run(%q) = %d, stderr %q; want exit %d naming %s", tc.args, code, stderr.String(), exitUsage, tc.flag)
		}
	}
}

func TestAnswerShapeFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"--license-info-unset", "null", "--rate-limit-answer", "html"}, io.Discard)
	if err != nil || cfg.options.LicenseInfoUnset != simulator.LicenseInfoNull || cfg.options.RateLimitAnswer != simulator.RateLimitHTML {
		t.Fatalf("parseFlags: %+v, %v", cfg.options, err)
	}
	cfg, err = parseFlags(nil, io.Discard)
	if err != nil || cfg.options.LicenseInfoUnset != "" || cfg.options.RateLimitAnswer != "" {
		t.Fatalf("defaults: %+v, %v", cfg.options, err)
	}
}

func TestListenAddressRules(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--listen", ":0"}, "127.0.0.1:0"},
		{[]string{"--listen", "localhost:9000"}, "localhost:9000"},
		{[]string{"--listen", "[::1]:0"}, "[::1]:0"},
		{[]string{"--listen", "0.0.0.0:0", "--allow-remote"}, "0.0.0.0:0"},
	} {
		cfg, err := parseFlags(tc.args, io.Discard)
		if err != nil || cfg.listen != tc.want {
			t.Errorf("parseFlags(%q): listen %q, err %v; want %q", tc.args, cfg.listen, err, tc.want)
		}
	}
}

// A zero multiplier turns rate limiting off, as rate_limit_multiplier = 0 does in the provider.
func TestZeroRateLimitMultiplierTurnsLimitsOff(t *testing.T) {
	for args, off := range map[string]bool{"0": true, "1": false, "2.5": false} {
		cfg, err := parseFlags([]string{"--rate-limit-multiplier", args}, io.Discard)
		if err != nil {
			t.Fatalf("--rate-limit-multiplier %s: %v", args, err)
		}
		if cfg.options.DisableRateLimits != off {
			t.Errorf("--rate-limit-multiplier %s: rate limits off = %v, want %v", args, cfg.options.DisableRateLimits, off)
		}
	}
}
