package extract

import "encoding/json"

// Article is one news article as it arrives: the unit of extraction and of loading.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

// Document is what the extractor finds in one article. Its JSON form is the contract read by
// ../shared/eval/score.py: offsets count Unicode code points into Article.Text, end exclusive.
type Document struct {
	ID        string     `json:"id"`
	Title     string     `json:"title,omitempty"`
	URL       string     `json:"url,omitempty"`
	Published string     `json:"published,omitempty"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
	Quotes    []Quote    `json:"quotes"`
	// Sentences are the spans of the article's sentences; Relation.Sentence and Quote.Sentence
	// index into it.
	Sentences []Span `json:"sentences,omitempty"`
}

// Entity is one real-world thing mentioned in an article. ID is canonical: the same thing gets
// the same ID in every article, whatever script or form the article uses for it.
type Entity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases,omitempty"`
	Mentions []Span   `json:"mentions"`
}

// Span is a half-open range of code points [Start, End) in the article text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Relation is one subject–relation–object statement. Object is an entity ID; Value holds a
// literal object instead (role, alias). Text keeps the original predicate.
type Relation struct {
	Subject    string  `json:"subject"`
	Relation   string  `json:"relation"`
	Object     string  `json:"object,omitempty"`
	Value      string  `json:"value,omitempty"`
	Text       string  `json:"text"`
	Negated    bool    `json:"negated,omitempty"`
	Sentence   int     `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Confidence float64 `json:"confidence"`
}

// Quote is a statement attributed to a speaker. Speaker is an entity ID, or empty when the
// speaker is unnamed and known only by SpeakerText.
type Quote struct {
	Speaker     string   `json:"speaker"`
	SpeakerText string   `json:"speaker_text"`
	Text        string   `json:"text"`
	Verb        string   `json:"verb"`
	About       []string `json:"about"`
	Sentence    int      `json:"sentence"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Confidence  float64  `json:"confidence"`
}

// Entity types of the ontology (../shared/ontology.md).
const (
	Person       = "Person"
	Firm         = "Firm"
	Organization = "Organization"
	Country      = "Country"
	Location     = "Location"
	Product      = "Product"
	Event        = "Event"
)

// Types returns the entity types in a fixed order.
func Types() []string {
	return []string{Person, Firm, Organization, Country, Location, Product, Event}
}

// IsType reports whether t is one of the ontology's entity types.
func IsType(t string) bool {
	switch t {
	case Person, Firm, Organization, Country, Location, Product, Event:
		return true
	}
	return false
}

// RelationNames returns the ontology's relation names.
func RelationNames() []string {
	return []string{
		"works_at", "role", "founded", "leads", "member_of", "located_in", "parent_of", "develops",
		"releases", "uses", "supplies", "acquires", "invests_in", "partners_with", "competes_with",
		"restricts", "regulates", "sanctions", "alias",
	}
}

// IsRelation reports whether r is one of the ontology's relation names.
func IsRelation(r string) bool {
	for _, n := range RelationNames() {
		if n == r {
			return true
		}
	}
	return false
}

// LiteralRelation reports whether a relation's object is a literal Value rather than an entity.
func LiteralRelation(rel string) bool { return rel == "role" || rel == "alias" }

// MarshalJSON writes an unnamed speaker as null, as the output contract has it.
func (q Quote) MarshalJSON() ([]byte, error) {
	type plain Quote
	var speaker *string
	if q.Speaker != "" {
		speaker = &q.Speaker
	}
	return json.Marshal(struct {
		Speaker *string `json:"speaker"`
		plain
	}{speaker, plain(q)})
}

// UnmarshalJSON reads a null speaker as empty.
func (q *Quote) UnmarshalJSON(b []byte) error {
	type plain Quote
	var w struct {
		Speaker *string `json:"speaker"`
		plain
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*q = Quote(w.plain)
	if w.Speaker != nil {
		q.Speaker = *w.Speaker
	}
	return nil
}
