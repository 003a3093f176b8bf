package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/gzcommunity/terraform-provider-gravityzone/internal/client"
)

// addAPIError is the one place where a failed API call becomes a diagnostic. The summary says what
// was being done and to which company (for example `Cannot create company "Acme"`); the detail
// carries the server's own words and what the user can do about this class of failure.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, apiErrorDetail(err))
}

// addCompanyAPIError is addAPIError for a call about the company that the attribute at companyID
// names: when that company does not exist, the error is the attribute's, so Terraform points at
// the line to fix.
func addCompanyAPIError(diags *diag.Diagnostics, companyID path.Path, summary string, err error) {
	if client.IsNotFound(err) {
		diags.AddAttributeError(companyID, summary, apiErrorDetail(err))
		return
	}
	addAPIError(diags, summary, err)
}

// addNotAppliedError is addAPIError for a write of planned changes that failed. Terraform keeps
// the state from before the apply, so the detail lists the changes (see plannedChanges) that GravityZone
// did not make, or, when its answer was lost, may not have made. No changes means a create.
func addNotAppliedError(diags *diag.Diagnostics, summary string, changes []string, err error) {
	var detail strings.Builder
	detail.WriteString(err.Error() + "\n\n")
	switch {
	case len(changes) == 0:
		detail.WriteString("Nothing was added to the Terraform state; the next apply sends the complete settings again.")
	case client.IsAmbiguous(err):
		detail.WriteString("These changes may not have been applied (the answer was lost, so GravityZone may or may not " +
			"hold them):\n  - " + strings.Join(changes, "\n  - "))
	default:
		detail.WriteString("These changes were not applied:\n  - " + strings.Join(changes, "\n  - "))
	}
	if len(changes) > 0 {
		detail.WriteString("\n\nThe Terraform state keeps the values from before this apply, so the next plan compares " +
			"them with what GravityZone reports and proposes what is still missing.")
	}
	diags.AddError(summary, detail.String()+"\n\n"+adviceFor(err))
}

func apiErrorDetail(err error) string {
	return err.Error() + "\n\n" + adviceFor(err)
}

// addPartialCreateError reports a failure after createCompany succeeded (suspending the new
// company, reading it back). Terraform taints a resource whose create returned an error and would
// replace it on the next apply, deleting a company that exists and is otherwise fine, so the
// message names the company's id and leads to untaint instead.
func addPartialCreateError(diags *diag.Diagnostics, name, id, failedStep string, err error) {
	detail := fmt.Sprintf("The company EXISTS in GravityZone with id %s, but %s failed:\n\n%s\n\n", id, failedStep, err)
	if !client.IsAmbiguous(err) {
		// The ambiguous-failure advice ("apply again") would lead to a replacement here.
		detail += adviceFor(err) + "\n\n"
	}
	detail += "Terraform now marks this resource as tainted, and its next apply would replace it: delete the " +
		"company and create another one (which deletion_protection refuses while it is true). To keep this " +
		"company, fix the cause above, then run `terraform untaint` with " + thisAddress + " and `terraform apply`: the provider reads the company " +
		"and finishes what is left."
	diags.AddError(fmt.Sprintf("Company %q was created, but %s failed", name, failedStep), detail)
}

func adviceFor(err error) string {
	switch {
	case client.IsCertificateError(err):
		return "The provider sent nothing: it does not trust the TLS certificate of api_url's server. For an " +
			"on-premises console whose certificate comes from a private CA, set tls_ca_certificate to the PEM " +
			"certificate of the CA that issued it. If the message says that the certificate is valid for other " +
			"names, use one of those names in api_url; if it has expired, renew it on the console. " +
			"tls_insecure_skip_verify = true gets past any certificate, but then anyone on the network path can " +
			"read the API key: use it only for tests."
	case client.IsNotSent(err):
		return "The provider sent nothing: it could not connect to api_url's server. Check that api_url (or " +
			"GRAVITYZONE_API_URL) is the Access URL shown in Control Center → My Account, spelled correctly, and " +
			"reachable from here: DNS, proxy (HTTPS_PROXY), firewall or VPN."
	case client.IsNoAPIAtURL(err):
		return "Nothing answers as the GravityZone API at that URL. api_url (or GRAVITYZONE_API_URL) must be the " +
			"Access URL shown in Control Center → My Account, which ends in /api, for example " +
			"https://cloud.gravityzone.bitdefender.com/api."
	case client.IsUnauthorized(err):
		return "GravityZone did not accept the API key. Check api_key (or GRAVITYZONE_API_KEY), and check that " +
			"api_url is the Access URL shown next to the key in Control Center → My Account: a valid key sent " +
			"to another region's host is answered as invalid."
	case client.IsForbidden(err):
		return "The API key is valid but may not use this API. In Control Center → My Account → API keys, " +
			"enable the Companies, Licensing, Network and General APIs for the key (or create a new key with them)."
	case client.IsNotFound(err):
		return "The company does not exist, or it is not managed by the API key's company. Check the id, and " +
			"that the key belongs to a partner above this company."
	case client.IsRateLimited(err):
		return "GravityZone kept answering \"too many requests\" after every retry. Another tool may be using " +
			"the same API key; run Terraform with a lower -parallelism, lower rate_limit_multiplier, or raise max_retries."
	case client.IsInvalidParams(err):
		return "GravityZone refused the values sent. The message above is the server's own explanation; " +
			"correct the attribute it names and apply again."
	case client.IsMethodNotFound(err):
		return "The API does not offer this method to this key. Partner methods need a key of a partner " +
			"company, and api_url must end in /api (the Access URL)."
	case client.IsNotCreated(err):
		return "Nothing was created and nothing was added to the Terraform state. Check that api_url is " +
			"reachable from here (proxy, firewall, VPN) and that GravityZone is available, then run terraform " +
			"apply again, which sends the request once more. Should the company appear in GravityZone in the " +
			"meantime (the lost request was still being processed), that apply fails because company names are " +
			"unique: import the company instead, with terraform import and the ID name=<company name>."
	case client.IsAmbiguous(err) && client.IsFailedRead(err):
		return "GravityZone gave no complete answer (network error, timeout or server error). The failed request " +
			"only read data, so it changed nothing in GravityZone. Run the same command again; if this keeps " +
			"happening, check that GravityZone is available and api_url reachable from here, or raise max_retries."
	case client.IsAmbiguous(err):
		return "The request did not complete (network error, timeout or server error), so it may or may not " +
			"have been applied. Run the same command (terraform apply or terraform destroy) again: the provider " +
			"reads the current state first and finishes the job without repeating what was done."
	case isRefusal(err):
		return "GravityZone refused the request and said why above; the request changed nothing. Sending it " +
			"again gets the same answer until what GravityZone names is fixed."
	default:
		return "If this persists, run with TF_LOG=DEBUG to see each API call (the API key is never logged)."
	}
}

// isRefusal tells whether GravityZone answered with a definite JSON-RPC error (the cases above
// aside): a refusal for a reason of its own, such as a partner that still manages companies, which
// a retry does not change.
func isRefusal(err error) bool {
	var apiErr *client.APIError
	return errors.As(err, &apiErr) && apiErr.Code != 0 && !client.IsAmbiguous(err)
}
