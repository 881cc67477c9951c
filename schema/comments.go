package schema

import "strings"

// stripComments removes the comments of a GraphQL document, keeping its line breaks so that
// error locations stay right. graphql-go v0.8.1 mixes byte and character positions after a
// comment that holds non-ASCII text ("# 米国について…"), and then fails to parse what follows.
// Strings and block strings are kept as they are.
func stripComments(q string) string {
	if !strings.Contains(q, "#") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q))
	for i := 0; i < len(q); {
		switch {
		case strings.HasPrefix(q[i:], `"""`):
			end := strings.Index(q[i+3:], `"""`)
			for end >= 0 && strings.HasSuffix(q[i+3:i+3+end], `\`) {
				next := strings.Index(q[i+3+end+3:], `"""`)
				if next < 0 {
					end = -1
					break
				}
				end += 3 + next
			}
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+3+end+3])
			i += 3 + end + 3
		case q[i] == '"':
			j := i + 1
			for j < len(q) && q[j] != '"' && q[j] != '\n' {
				if q[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(q) && q[j] == '"' {
				j++
			}
			b.WriteString(q[i:min(j, len(q))])
			i = min(j, len(q))
		case q[i] == '#':
			for i < len(q) && q[i] != '\n' && q[i] != '\r' {
				i++
			}
		default:
			b.WriteByte(q[i])
			i++
		}
	}
	return b.String()
}
