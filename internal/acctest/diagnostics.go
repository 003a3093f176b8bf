package acctest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// ErrorText matches phrases, in order, in what Terraform prints: there a diagnostic's text is
// wrapped across lines (behind a │ border in some forms) wherever a space was, and the summary
// is separated from the detail by the configuration excerpt.
func ErrorText(phrases ...string) *regexp.Regexp {
	patterns := make([]string, len(phrases))
	for i, phrase := range phrases {
		patterns[i] = Phrase(phrase)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(patterns, ".*"))
}

// Phrase is the pattern of one phrase however Terraform wraps it, for matchers that ErrorText
// does not cover (counting errors, for instance).
func Phrase(phrase string) string {
	words := strings.Fields(phrase)
	for i, word := range words {
		words[i] = regexp.QuoteMeta(word)
	}
	return strings.Join(words, `[\s│]+`)
}

// FindDiagnostic returns the first diagnostic of the severity attached to the path, or nil: for
// tests that call the framework's methods directly.
func FindDiagnostic(diags diag.Diagnostics, severity diag.Severity, at path.Path) diag.Diagnostic {
	for _, d := range diags {
		withPath, ok := d.(diag.DiagnosticWithPath)
		if ok && d.Severity() == severity && withPath.Path().Equal(at) {
			return d
		}
	}
	return nil
}

// ExpectOutput fails the test unless what the CLI printed for command holds every phrase, in
// order, as ErrorText finds them.
func ExpectOutput(t *testing.T, command, output string, phrases ...string) {
	t.Helper()
	if !ErrorText(phrases...).MatchString(output) {
		t.Errorf("%s printed:\n%s\nwant, in order: %q", command, output, phrases)
	}
}
