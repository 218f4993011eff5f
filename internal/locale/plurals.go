package locale

import (
	"encoding/json"
	"strings"

	"golang.org/x/text/feature/plural"
)

// pluralNames are CLDR's names of the plural forms, as the browser's
// Intl.PluralRules gives them.
var pluralNames = map[plural.Form]string{
	plural.Other: "other", plural.Zero: "zero", plural.One: "one",
	plural.Two: "two", plural.Few: "few", plural.Many: "many",
}

// Plurals is a counted message for a script: a JSON object from each of
// the language's plural forms to its text, with "{n}" where the count
// goes. The script picks the form with Intl.PluralRules, so the page
// counts in the language as the templates do.
func (l *Locale) Plurals(id string, args ...any) (string, error) {
	forms := map[string]string{}
	// The smallest count of each form stands for it.
	for n := 0; n <= 1000 && len(forms) < len(pluralNames); n++ {
		name := pluralNames[plural.Cardinal.MatchPlural(l.tag, n, 0, 0, 0, 0)]
		if _, ok := forms[name]; ok {
			continue
		}
		s, err := l.message(id, append([]any{n}, args...), false)
		if err != nil {
			return "", err
		}
		forms[name] = strings.Replace(s, l.Num(n), "{n}", 1)
	}
	b, err := json.Marshal(forms)
	return string(b), err
}
