package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
)

// ContentHash identifies an article's content: loading an article whose id and hash are already
// stored writes nothing.
func ContentHash(a extract.Article) string {
	h := sha256.New()
	for _, s := range []string{a.Title, a.URL, a.Published, a.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ErrInvalid is wrapped by errors about documents that cannot be stored as they are.
var ErrInvalid = errors.New("invalid document")

// IsInputError reports whether loading failed because of the article itself (empty, binary, too
// large, without an id, or an invalid document) rather than the store: such an article is
// reported and skipped, and the next one may still load.
func IsInputError(err error) bool {
	for _, e := range []error{extract.ErrEmpty, extract.ErrTooLarge, extract.ErrEncoding, extract.ErrBinary, extract.ErrNoID, ErrInvalid} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// built is everything one article contributes to the graph.
type built struct {
	article quad.IRI
	// owned are quads on nodes scoped to this article (the article, its mentions, evidences and
	// quotes); they exist exactly while the article is stored.
	owned []quad.Quad
	// entities holds, per entity, the quads that create it (written only when the entity is new:
	// the first article to name an entity gives its name and type) and its aliases.
	entities map[quad.IRI]*entityQuads
	// shared are statement quads and direct edges: written when missing, removed when the last
	// evidence for them goes.
	shared []quad.Quad
}

type entityQuads struct {
	core    []quad.Quad
	aliases []quad.Quad
}

func validate(doc *extract.Document) error {
	if doc.ID == "" {
		return fmt.Errorf("%w: empty article id", ErrInvalid)
	}
	ids := make(map[string]bool, len(doc.Entities))
	for _, e := range doc.Entities {
		if e.ID == "" || e.Name == "" {
			return fmt.Errorf("%w: entity without id or name", ErrInvalid)
		}
		if !extract.IsType(e.Type) {
			return fmt.Errorf("%w: entity %q has unknown type %q", ErrInvalid, e.ID, e.Type)
		}
		if ids[e.ID] {
			return fmt.Errorf("%w: entity %q listed twice", ErrInvalid, e.ID)
		}
		ids[e.ID] = true
	}
	for i, r := range doc.Relations {
		switch {
		case !extract.IsRelation(r.Relation):
			return fmt.Errorf("%w: relation %d: unknown relation %q", ErrInvalid, i, r.Relation)
		case !ids[r.Subject]:
			return fmt.Errorf("%w: relation %d: unknown subject %q", ErrInvalid, i, r.Subject)
		case r.Object != "" && !ids[r.Object]:
			return fmt.Errorf("%w: relation %d: unknown object %q", ErrInvalid, i, r.Object)
		case (r.Object == "") == (r.Value == ""):
			return fmt.Errorf("%w: relation %d: needs exactly one of object and value", ErrInvalid, i)
		}
	}
	for i, q := range doc.Quotes {
		if q.Speaker != "" && !ids[q.Speaker] {
			return fmt.Errorf("%w: quote %d: unknown speaker %q", ErrInvalid, i, q.Speaker)
		}
		if q.Speaker == "" && q.SpeakerText == "" {
			return fmt.Errorf("%w: quote %d: no speaker", ErrInvalid, i)
		}
		for _, a := range q.About {
			if !ids[a] {
				return fmt.Errorf("%w: quote %d: unknown entity %q", ErrInvalid, i, a)
			}
		}
	}
	return nil
}

// build turns an article and its extraction into quads.
func build(a extract.Article, doc *extract.Document) (*built, error) {
	if a.ID != doc.ID {
		return nil, fmt.Errorf("%w: article id %q, document id %q", ErrInvalid, a.ID, doc.ID)
	}
	if err := validate(doc); err != nil {
		return nil, err
	}
	art := articleIRI(a.ID)
	b := &built{article: art, entities: make(map[quad.IRI]*entityQuads, len(doc.Entities))}
	own := func(s quad.Value, p quad.IRI, o quad.Value) {
		b.owned = append(b.owned, quad.Quad{Subject: s, Predicate: p, Object: o})
	}
	own(art, predType, classArticle)
	own(art, predID, quad.String(a.ID))
	own(art, predHash, quad.String(ContentHash(a)))
	if a.Title != "" {
		own(art, predTitle, quad.String(a.Title))
	}
	if a.URL != "" {
		own(art, predURL, quad.String(a.URL))
	}
	if a.Published != "" {
		own(art, predPublished, quad.String(a.Published))
	}

	for _, e := range doc.Entities {
		ent := entityIRI(e.ID)
		eq := &entityQuads{core: []quad.Quad{
			{Subject: ent, Predicate: predType, Object: classEntity},
			{Subject: ent, Predicate: predEntityType, Object: quad.String(e.Type)},
			{Subject: ent, Predicate: predName, Object: quad.String(e.Name)},
		}}
		m := mentionIRI(a.ID, e.ID)
		own(m, predArticle, art)
		own(m, predEntity, ent)
		own(m, predEntityType, quad.String(e.Type))
		own(m, predCount, quad.Int(len(e.Mentions)))
		names := append([]string{e.Name}, e.Aliases...)
		slices.Sort(names)
		for _, n := range slices.Compact(names) {
			if n == "" {
				continue
			}
			own(m, predAlias, quad.String(n))
			eq.aliases = append(eq.aliases, quad.Quad{Subject: ent, Predicate: predAlias, Object: quad.String(n)})
		}
		b.entities[ent] = eq
	}

	seen := make(map[quad.IRI]bool)
	for i, r := range doc.Relations {
		subj := entityIRI(r.Subject)
		st := statementIRI(r.Subject, r.Relation, r.Object, r.Value, r.Negated)
		if !seen[st] {
			seen[st] = true
			sh := func(p quad.IRI, o quad.Value) {
				b.shared = append(b.shared, quad.Quad{Subject: st, Predicate: p, Object: o})
			}
			sh(predType, classStatement)
			sh(predSubject, subj)
			sh(predRelation, quad.String(r.Relation))
			var obj quad.Value
			if r.Object != "" {
				obj = entityIRI(r.Object)
				sh(predObject, obj)
			} else {
				obj = quad.String(r.Value)
				sh(predValue, obj)
			}
			if r.Negated {
				sh(predNegated, quad.Bool(true))
			} else {
				b.shared = append(b.shared, quad.Quad{Subject: subj, Predicate: relIRI(r.Relation), Object: obj})
			}
		}
		ev := evidenceIRI(a.ID, i)
		own(ev, predArticle, art)
		if sn := snippet(a.Text, doc, r.Sentence); sn != "" {
			own(ev, predSnippet, quad.String(sn))
		}
		own(ev, predSupports, st)
		own(ev, predSentence, quad.Int(r.Sentence))
		own(ev, predStart, quad.Int(r.Start))
		own(ev, predEnd, quad.Int(r.End))
		if r.Text != "" {
			own(ev, predText, quad.String(r.Text))
		}
		own(ev, predConfidence, quad.Float(r.Confidence))
	}

	for i, q := range doc.Quotes {
		qn := quoteIRI(a.ID, i)
		own(qn, predType, classQuote)
		own(qn, predArticle, art)
		if q.Speaker != "" {
			own(qn, predSpeaker, entityIRI(q.Speaker))
		}
		if q.SpeakerText != "" {
			own(qn, predSpeakerTxt, quad.String(q.SpeakerText))
		}
		own(qn, predText, quad.String(q.Text))
		if q.Verb != "" {
			own(qn, predVerb, quad.String(q.Verb))
		}
		about := slices.Clone(q.About)
		slices.Sort(about)
		for _, e := range slices.Compact(about) {
			own(qn, predAbout, entityIRI(e))
		}
		own(qn, predSentence, quad.Int(q.Sentence))
		own(qn, predStart, quad.Int(q.Start))
		own(qn, predEnd, quad.Int(q.End))
		own(qn, predConfidence, quad.Float(q.Confidence))
	}
	return b, nil
}

// all returns every quad of the article as a fresh store would hold it.
func (b *built) all() []quad.Quad {
	out := slices.Clone(b.owned)
	for _, ent := range sortedKeys(b.entities) {
		eq := b.entities[ent]
		out = append(out, eq.core...)
		out = append(out, eq.aliases...)
	}
	return append(out, b.shared...)
}

func sortedKeys[V any](m map[quad.IRI]V) []quad.IRI {
	keys := make([]quad.IRI, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// snippet returns the text of sentence i of the article, or "" when the document does not say
// where its sentences are. Long sentences are cut to maxSnippet code points.
func snippet(text string, doc *extract.Document, i int) string {
	if i < 0 || i >= len(doc.Sentences) {
		return ""
	}
	sp := doc.Sentences[i]
	rs := []rune(text)
	if sp.Start < 0 || sp.End > len(rs) || sp.Start >= sp.End {
		return ""
	}
	if sp.End-sp.Start > maxSnippet {
		return string(rs[sp.Start:sp.Start+maxSnippet]) + "…"
	}
	return string(rs[sp.Start:sp.End])
}

// maxSnippet caps the sentence kept with an evidence.
const maxSnippet = 300
