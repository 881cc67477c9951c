package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// IRIs of the vocabulary. Node IRIs are built by the functions below; every component taken from
// outside (article and entity ids) is escaped so that '/' separates components unambiguously.
const (
	prefix = "kg:"

	predType       = quad.IRI("rdf:type")
	predEntityType = quad.IRI("kg:type")
	predName       = quad.IRI("kg:name")
	predAlias      = quad.IRI("kg:alias")
	predArticle    = quad.IRI("kg:article")
	predEntity     = quad.IRI("kg:entity")
	predCount      = quad.IRI("kg:count")
	predSubject    = quad.IRI("kg:subject")
	predRelation   = quad.IRI("kg:relation")
	predObject     = quad.IRI("kg:object")
	predValue      = quad.IRI("kg:value")
	predNegated    = quad.IRI("kg:negated")
	predSupports   = quad.IRI("kg:supports")
	predSentence   = quad.IRI("kg:sentence")
	predStart      = quad.IRI("kg:start")
	predEnd        = quad.IRI("kg:end")
	predText       = quad.IRI("kg:text")
	predConfidence = quad.IRI("kg:confidence")
	predSpeaker    = quad.IRI("kg:speaker")
	predSpeakerTxt = quad.IRI("kg:speakerText")
	predVerb       = quad.IRI("kg:verb")
	predAbout      = quad.IRI("kg:about")
	predID         = quad.IRI("kg:id")
	predTitle      = quad.IRI("kg:title")
	predURL        = quad.IRI("kg:url")
	predPublished  = quad.IRI("kg:published")
	predHash       = quad.IRI("kg:hash")
	predSnippet    = quad.IRI("kg:snippet")

	classArticle   = quad.IRI("kg:Article")
	classEntity    = quad.IRI("kg:Entity")
	classStatement = quad.IRI("kg:Statement")
	classQuote     = quad.IRI("kg:Quote")

	relPrefix      = "kg:rel/"
	entityPrefix   = "kg:entity/"
	articlePrefix  = "kg:article/"
	mentionPrefix  = "kg:mention/"
	evidencePrefix = "kg:evidence/"
	quotePrefix    = "kg:quote/"
	stmtPrefix     = "kg:stmt/"
)

// escape percent-encodes the bytes that may not appear in an N-Quads IRI, and '/', '#' and '%'
// so that an escaped id is one path component. Other characters, Japanese included, stay as
// they are so that IRIs remain readable.
func escape(s string) string {
	const hexdig = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= 0x20 || c == 0x7f || strings.IndexByte("<>\"{}|^`\\%/#", c) >= 0:
			b.WriteByte('%')
			b.WriteByte(hexdig[c>>4])
			b.WriteByte(hexdig[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unescape reverses escape. Malformed escapes are kept as they are.
func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func entityIRI(id string) quad.IRI  { return quad.IRI(entityPrefix + escape(id)) }
func articleIRI(id string) quad.IRI { return quad.IRI(articlePrefix + escape(id)) }
func relIRI(rel string) quad.IRI    { return quad.IRI(relPrefix + escape(rel)) }

func mentionIRI(article, entity string) quad.IRI {
	return quad.IRI(mentionPrefix + escape(article) + "/" + escape(entity))
}

func evidenceIRI(article string, n int) quad.IRI {
	return quad.IRI(evidencePrefix + escape(article) + "/" + strconv.Itoa(n))
}

func quoteIRI(article string, n int) quad.IRI {
	return quad.IRI(quotePrefix + escape(article) + "/" + strconv.Itoa(n))
}

// statementIRI names a fact by what it states, so that the same fact found in several articles
// is one node with several evidences.
func statementIRI(subject, relation, object, value string, negated bool) quad.IRI {
	h := sha256.New()
	for _, s := range []string{subject, relation, object, value, strconv.FormatBool(negated)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return quad.IRI(stmtPrefix + hex.EncodeToString(h.Sum(nil)[:12]))
}

// idOf returns the id that an IRI with the given prefix carries, and whether it has the prefix.
func idOf(v quad.Value, prefix string) (string, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), prefix) {
		return "", false
	}
	return unescape(string(iri[len(prefix):])), true
}

// ownedBy reports whether an article-scoped node (mention, evidence, quote) belongs to the
// article with the escaped id esc.
func ownedBy(v quad.Value, esc string) bool {
	iri, ok := v.(quad.IRI)
	if !ok {
		return false
	}
	s := string(iri)
	for _, p := range []string{mentionPrefix, evidencePrefix, quotePrefix} {
		if strings.HasPrefix(s, p) {
			rest := s[len(p):]
			return strings.HasPrefix(rest, esc+"/")
		}
	}
	return false
}

// mentionEntity returns the entity IRI a mention node refers to, judged from the mention's IRI.
func mentionEntity(v quad.Value) (quad.IRI, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), mentionPrefix) {
		return "", false
	}
	rest := string(iri[len(mentionPrefix):])
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return "", false
	}
	return quad.IRI(entityPrefix + rest[i+1:]), true
}
