// Command gravityzone-simulator serves a local simulator of the Bitdefender GravityZone partner API
// (companies, licensing, network and general methods) for the Terraform provider's quickstart, tests
// and CI.
//
// On start it prints GRAVITYZONE_API_URL, GRAVITYZONE_API_KEY and GRAVITYZONE_ROOT_COMPANY_ID, one
// per line, then serves until SIGINT or SIGTERM. Run it with -h for the flags.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/simulator"
)

const (
	exitOK         = 0
	exitFailure    = 1
	exitUsage      = 2
	shutdownWindow = 10 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is the parsed command line.
type config struct {
	listen        string
	allowRemote   bool
	options       simulator.Options
	tlsCertPath   string
	rateLimitMode string
}

// run starts the simulator with args and serves until ctx ends; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		return exitUsage // parseFlags has reported it
	}
	logger := log.New(stderr, "gravityzone-simulator: ", log.LstdFlags)
	cfg.options.Logger = logger
	if err := serve(ctx, cfg, stdout); err != nil {
		logger.Print(err)
		return exitFailure
	}
	return exitOK
}

// parseFlags parses and checks the command line, reporting any problem on stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("gravityzone-simulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.listen, "listen", "127.0.0.1:8080", "address to listen on; :0 picks a free port; an address without a host listens on 127.0.0.1")
	fs.BoolVar(&cfg.allowRemote, "allow-remote", false, "allow --listen on a non-loopback address")
	fs.StringVar(&cfg.options.APIKey, "api-key", simulator.DefaultAPIKey, "the API key of the root partner company")
	fs.StringVar(&cfg.options.StatePath, "state", "", "JSON state file: loaded at start, saved after every change")
	fs.StringVar(&cfg.rateLimitMode, "rate-limits", "documented", "documented or off")
	fs.Float64Var(&cfg.options.RateLimitMultiplier, "rate-limit-multiplier", 1, "multiplies the documented rates; 0 turns rate limiting off, as the provider's rate_limit_multiplier = 0 does")
	fs.DurationVar(&cfg.options.Latency, "latency", 0, "added to every API request, e.g. 50ms")
	fs.Func("faults", "comma list of METHOD:KIND:PROBABILITY; METHOD may be *; KIND one of http429, http500, http502, reset, reset-after-commit, slow, malformed", func(spec string) error {
		faults, err := simulator.ParseFaults(spec)
		cfg.options.Faults = faults
		return err
	})
	fs.Func("license-info-unset", "how getLicenseInfo reports settings that are not set: omit (left out, the default) or null", func(v string) error {
		cfg.options.LicenseInfoUnset = simulator.LicenseInfoUnset(v)
		if v != string(simulator.LicenseInfoOmit) && v != string(simulator.LicenseInfoNull) {
			return errors.New("must be omit or null")
		}
		return nil
	})
	fs.Func("rate-limit-answer", "shape of HTTP 429 answers: jsonrpc (the documented -32003 error, the default) or html (an HTML page with Retry-After: 60, 60, as live tenants send)", func(v string) error {
		cfg.options.RateLimitAnswer = simulator.RateLimitAnswer(v)
		if v != string(simulator.RateLimitJSONRPC) && v != string(simulator.RateLimitHTML) {
			return errors.New("must be jsonrpc or html")
		}
		return nil
	})
	fs.BoolVar(&cfg.options.LogParams, "log-params", false, "log the params of every API request (never the API key), to see exactly what a client sent")
	fs.Int64Var(&cfg.options.Seed, "seed", 1, "seed for fault decisions, company ids and API keys")
	fs.StringVar(&cfg.tlsCertPath, "tls-self-signed", "", "serve HTTPS with a generated self-signed certificate and write its PEM to this path")
	if err := fs.Parse(args); err != nil {
		return cfg, err // the flag package has printed the error and the usage
	}
	if err := cfg.check(fs); err != nil {
		fmt.Fprintf(stderr, "gravityzone-simulator: %v\n", err)
		return cfg, err
	}
	return cfg, nil
}

// check validates the flag values the flag package cannot, and normalises --listen.
func (cfg *config) check(fs *flag.FlagSet) error {
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q; all settings are flags (see -h)", fs.Arg(0))
	case cfg.rateLimitMode != "documented" && cfg.rateLimitMode != "off":
		return fmt.Errorf("--rate-limits: %q is neither documented nor off", cfg.rateLimitMode)
	case !(cfg.options.RateLimitMultiplier >= 0) || math.IsInf(cfg.options.RateLimitMultiplier, 0):
		return fmt.Errorf("--rate-limit-multiplier: must be 0 (no rate limiting) or a number greater than 0, got %v", cfg.options.RateLimitMultiplier)
	case cfg.options.Latency < 0:
		return fmt.Errorf("--latency: must not be negative, got %v", cfg.options.Latency)
	case cfg.options.APIKey == "":
		return errors.New("--api-key: must not be empty")
	}
	cfg.options.DisableRateLimits = cfg.rateLimitMode == "off" || cfg.options.RateLimitMultiplier == 0
	host, port, err := net.SplitHostPort(cfg.listen)
	if err != nil {
		return fmt.Errorf("--listen: %q is not HOST:PORT (%w)", cfg.listen, err)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	cfg.listen = net.JoinHostPort(host, port)
	if !cfg.allowRemote && !isLoopback(host) {
		return fmt.Errorf("--listen: %s is not a loopback address; the simulator has no real security, so add --allow-remote to listen on it", host)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func serve(ctx context.Context, cfg config, stdout io.Writer) error {
	sim, err := simulator.New(cfg.options)
	if err != nil {
		return err
	}
	var lc net.ListenConfig
	listener, err := lc.Listen(ctx, "tcp", cfg.listen)
	if err != nil {
		return err
	}
	addr, ok := listener.Addr().(*net.TCPAddr)
	if !ok {
		_ = listener.Close()
		return fmt.Errorf("--listen: %s is not a TCP address", cfg.listen)
	}
	urlHost := addr.IP.String()
	if addr.IP.IsUnspecified() {
		urlHost = "127.0.0.1"
	}
	scheme := "http"
	if cfg.tlsCertPath != "" {
		scheme = "https"
		cert, err := selfSignedCertificate(addr.IP, cfg.tlsCertPath)
		if err != nil {
			listener.Close()
			return err
		}
		listener = tls.NewListener(listener, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}

	// Requests held by latency or a slow fault end when shutdown starts, instead of delaying it.
	baseCtx, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	server := &http.Server{
		Handler:           sim,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return baseCtx },
	}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	fmt.Fprintf(stdout, "GRAVITYZONE_API_URL=%s://%s/api\n", scheme, net.JoinHostPort(urlHost, fmt.Sprint(addr.Port)))
	fmt.Fprintf(stdout, "GRAVITYZONE_API_KEY=%s\n", sim.APIKey())
	fmt.Fprintf(stdout, "GRAVITYZONE_ROOT_COMPANY_ID=%s\n", sim.RootCompanyID())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	cancelRequests()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownWindow)
	defer cancel()
	return server.Shutdown(shutdownCtx)
}

// selfSignedCertificate generates a certificate for localhost, 127.0.0.1, ::1 and the listening
// address, valid for a year, and writes it as PEM to pemPath so clients can trust it.
func selfSignedCertificate(listenIP net.IP, pemPath string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return tls.Certificate{}, err
	}
	ips := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	if !listenIP.IsUnspecified() && !listenIP.IsLoopback() {
		ips = append(ips, listenIP)
	}
	now := time.Now()
	template := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "gravityzone-simulator"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // so the PEM can be used directly as a trusted CA
		DNSNames:              []string{"localhost"},
		IPAddresses:           ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(pemPath, certPEM, 0o644); err != nil {
		return tls.Certificate{}, fmt.Errorf("--tls-self-signed: writing the certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
