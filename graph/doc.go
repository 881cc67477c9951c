// Package graph stores the knowledge graph in Cayley and answers questions about it.
//
// A Store is opened from a DSN: "bolt:PATH" (an embedded bbolt file, the default
// ./data/kg.db), "memory:" (nothing persists), "postgres://…" (Cayley's SQL backend,
// with a writer of kg's that inserts many rows per statement) or
// "cockroach://…" (its CockroachDB flavour). Export, ImportNQuads and Copy move a store's
// contents between backends. Cayley
// types never leave this package: callers load extract.Documents and read Entity, Relation,
// Quote and Article values.
//
// # Data model
//
// Every node is an IRI in the kg: namespace; ids taken from outside are percent-escaped so that
// '/' separates components. Literals are strings, integers, floats and booleans.
//
//   - An entity, <kg:entity/ID>, merges across articles by its canonical id. It has rdf:type
//     kg:Entity, kg:type (Person, Firm, …), kg:name and any number of kg:alias. The first article
//     that names an entity gives its name and type.
//   - An article, <kg:article/ID>, has rdf:type kg:Article, kg:id, kg:title, kg:url,
//     kg:published and kg:hash, the content hash that makes reloading idempotent.
//   - A mention, <kg:mention/ARTICLE/ENTITY>, records that an article names an entity: kg:article,
//     kg:entity, the type the article gave (kg:type), the surface forms used (kg:alias) and
//     kg:count, the number of mentions.
//   - A statement, <kg:stmt/HASH>, is one fact: kg:subject, kg:relation and kg:object (an entity)
//     or kg:value (a literal), and kg:negated when the article denies it. HASH is computed from
//     what the fact states, so the same fact found in several articles is one node. A positive
//     fact also has a direct edge <kg:entity/S> <kg:rel/RELATION> object, for fast traversal.
//   - An evidence, <kg:evidence/ARTICLE/N>, is where a fact was found: kg:supports (the
//     statement), kg:article, kg:sentence, kg:start, kg:end (code points into the article),
//     kg:text (the original predicate) and kg:confidence.
//   - A quote, <kg:quote/ARTICLE/N>, has rdf:type kg:Quote, kg:article, kg:speaker (an entity,
//     absent for an unnamed speaker), kg:speakerText, kg:text, kg:verb, kg:about (entities),
//     kg:sentence, kg:start, kg:end and kg:confidence.
//
// The sentence "東京工科大学の教授、山田花子氏は「…」と述べた。" (article a1, sentence 3, starting at code
// point 120) stores, among others:
//
//	<kg:entity/山田花子> <rdf:type> <kg:Entity> .
//	<kg:entity/山田花子> <kg:type> "Person" .
//	<kg:entity/山田花子> <kg:name> "山田花子" .
//	<kg:entity/東京工科大学> <kg:type> "Organization" .
//	<kg:mention/a1/山田花子> <kg:article> <kg:article/a1> .
//	<kg:mention/a1/山田花子> <kg:entity> <kg:entity/山田花子> .
//	<kg:mention/a1/山田花子> <kg:alias> "山田花子" .
//	<kg:stmt/5f0c…> <kg:subject> <kg:entity/山田花子> .
//	<kg:stmt/5f0c…> <kg:relation> "works_at" .
//	<kg:stmt/5f0c…> <kg:object> <kg:entity/東京工科大学> .
//	<kg:entity/山田花子> <kg:rel/works_at> <kg:entity/東京工科大学> .
//	<kg:evidence/a1/7> <kg:supports> <kg:stmt/5f0c…> .
//	<kg:evidence/a1/7> <kg:article> <kg:article/a1> .
//	<kg:evidence/a1/7> <kg:sentence> "3"^^<xsd:integer> .
//	<kg:evidence/a1/7> <kg:start> "120"^^<xsd:integer> .
//	<kg:evidence/a1/7> <kg:text> "の教授" .
//	<kg:stmt/9a1e…> <kg:subject> <kg:entity/山田花子> .
//	<kg:stmt/9a1e…> <kg:relation> "role" .
//	<kg:stmt/9a1e…> <kg:value> "教授" .
//	<kg:entity/山田花子> <kg:rel/role> "教授" .
//	<kg:quote/a1/0> <kg:speaker> <kg:entity/山田花子> .
//	<kg:quote/a1/0> <kg:text> "…" .
//	<kg:quote/a1/0> <kg:verb> "述べる" .
//
// # Reads
//
// Reads use the quad indexes directly. On bolt they scan Cayley's key-value indexes by node and
// predicate together, and list a node's predicates from the index keys, so that a lookup reads
// only the quads it wants (a much mentioned entity is the object of thousands of mention quads).
// A Store keeps recently read node values in memory; every write clears them. The entity index
// (names, types and article counts of all entities, for listing and search) also answers
// Entities on bolt and memory stores for entities no write has touched since it was built;
// WarmIndex builds it ahead of the first listing.
//
// # Writes
//
// Loading one article is one transaction, under a write lock (in-process, and across processes a
// PostgreSQL advisory lock, or on CockroachDB a locked row of kg_lock); LoadBatch writes several
// new articles in one transaction, each delta computed against the store and the batch so far.
// The article's content hash is checked first: the same content writes nothing. Otherwise the transaction deletes what the old version alone supported and adds
// what is missing, computed from the store: Cayley's own duplicate and missing-quad skipping is
// never used, because at the pinned version an ignored duplicate still bumps node reference
// counts and leaves orphan nodes behind. Nodes scoped to an article (its mentions, evidences and
// quotes) go with it; a shared node (entity, alias, statement, direct edge) goes when the last
// article supporting it does.
//
// Two more defects of the pinned Cayley KV backend are worked around: after a failed write the
// store is reopened, because the rolled-back transaction's node ids stay in Cayley's cache; and a
// transaction that both adds and deletes carries temporary pin quads (see pin) so that no node
// used by an added quad sees its reference count fall.
package graph
