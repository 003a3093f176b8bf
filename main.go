// Command terraform-provider-gravityzone serves the GravityZone provider to Terraform.
package main

import (
	"flag"
	"log"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/provider"
)

// version is set at release time by GoReleaser through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers such as delve")
	flag.Parse()

	silenceLogsTerraformDiscards()
	collectGarbageLessOften()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve(provider.RegistryAddress, provider.NewProtocol6Server(version), opts...); err != nil {
		log.Fatal(err)
	}
}

// silenceLogsTerraformDiscards turns the plugin SDKs' logging off when Terraform will throw the
// logs away. The SDKs log every request at TRACE unless told otherwise, and Terraform shows a
// provider's logs only when TF_LOG or TF_LOG_PROVIDER is set: without them, formatting those lines
// costs about a third of the provider's CPU time for nothing. Levels set explicitly are kept.
func silenceLogsTerraformDiscards() {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_PROVIDER_GRAVITYZONE"} {
		if _, set := os.LookupEnv(name); !set {
			_ = os.Setenv(name, "OFF")
		}
	}
}

// collectGarbageLessOften raises the garbage collector's target from Go's default of 100 % heap
// growth to 400 %, unless GOGC is set. A provider process lives for one Terraform command, and the
// plugin SDKs allocate a lot for every request: at the default, garbage collection took about a
// quarter of the provider's CPU time in a plan of 500 companies. The heap stays small (the
// requests in flight), so collecting less often costs about 25 MB.
func collectGarbageLessOften() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
}
