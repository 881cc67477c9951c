package server

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/schema"
)

// MaxArticlesBody is the largest POST /articles body accepted.
const MaxArticlesBody = 8 << 20

// articleResult reports one record of a POST /articles body.
type articleResult struct {
	Source    string `json:"source"`
	ID        string `json:"id,omitempty"`
	Outcome   string `json:"outcome,omitempty"`
	Entities  int    `json:"entities,omitempty"`
	Relations int    `json:"relations,omitempty"`
	Quotes    int    `json:"quotes,omitempty"`
	Error     string `json:"error,omitempty"`
}

// handleArticles loads articles posted as one JSON object, a JSON array or JSON lines
// ({id, title, url, published, text}). Each article is one transaction; a bad record is reported
// with its source (body:3 is line 3) and skipped. The body is UTF-8 unless its Content-Type
// declares a charset (application/json; charset=shift_jis); it holds at most ingest.MaxRecords
// records, counted before anything is loaded. A text/html body is one article, its id (and
// title, url, published) given in the query string, its text the page's text.
func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeJSON(w, http.StatusMethodNotAllowed, errorBody(schema.CodeBadInput, "use POST"))
		return
	}
	if s.writer == nil || s.token == "" {
		writeJSON(w, http.StatusForbidden, errorBody(schema.CodeForbidden, "this server is read-only: start it with a token to load articles"))
		return
	}
	if !s.access(r).Write {
		w.Header().Set("WWW-Authenticate", `Bearer realm="kg"`)
		writeJSON(w, http.StatusUnauthorized, errorBody(schema.CodeUnauthenticated, "loading needs the server's bearer token (Authorization: Bearer …)"))
		return
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body := http.MaxBytesReader(w, r.Body, MaxArticlesBody)
	var decode func(ctx context.Context, fn func(ingest.Record) error) error
	switch ct {
	case "application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines":
		decode = func(ctx context.Context, fn func(ingest.Record) error) error {
			return ingest.DecodeCharset(ctx, "body", params["charset"], body, fn)
		}
	case "text/html":
		q := r.URL.Query()
		a := extract.Article{ID: strings.TrimSpace(q.Get("id")), Title: q.Get("title"), URL: q.Get("url"), Published: q.Get("published")}
		if a.ID == "" {
			writeJSON(w, http.StatusBadRequest, errorBody(schema.CodeBadInput, "an HTML page needs its article id: POST /articles?id=…"))
			return
		}
		decode = func(ctx context.Context, fn func(ingest.Record) error) error {
			return ingest.DecodeHTML(ctx, "body", params["charset"], body, a, fn)
		}
	default:
		writeJSON(w, http.StatusUnsupportedMediaType, errorBody(schema.CodeBadInput, "send articles as application/json or application/x-ndjson, or one page as text/html with ?id="))
		return
	}
	if !s.acquire(w, r) {
		return
	}
	defer s.release()
	ctx, cancel := context.WithTimeout(r.Context(), s.loadTimeout)
	defer cancel()
	var results []articleResult
	loaded, failed := 0, 0
	err := decode(ctx, func(rec ingest.Record) error {
		res := articleResult{Source: rec.Source, ID: rec.Article.ID}
		if rec.Err != nil {
			res.Error = rec.Err.Error()
			failed++
			results = append(results, res)
			return nil
		}
		lr, doc, err := s.writer.LoadArticle(ctx, rec.Article)
		switch {
		case err == nil:
			loaded++
			res.Outcome = strings.ToUpper(lr.Outcome.String())
			if doc != nil {
				res.Entities, res.Relations, res.Quotes = len(doc.Entities), len(doc.Relations), len(doc.Quotes)
			}
		case graph.IsInputError(err):
			failed++
			res.Error = err.Error()
		default:
			return fmt.Errorf("%s: %w", rec.Source, err)
		}
		results = append(results, res)
		return nil
	})
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		writeJSON(w, http.StatusRequestEntityTooLarge, errorBody("TOO_LARGE", fmt.Sprintf("body larger than %d bytes", MaxArticlesBody)))
		return
	case err != nil && ctx.Err() != nil:
		// The deadline passed or the server is shutting down: the article in progress rolled
		// back; those reported in results are stored.
		s.log.Warn("load articles interrupted", "err", err, "loaded", loaded)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"loaded": loaded, "failed": failed, "results": nonNilResults(results),
			"errors": []map[string]any{{"message": "loading was interrupted (deadline or shutdown): the articles in results are stored, the rest are not", "extensions": map[string]string{"code": schema.CodeTimeout}}}})
		return
	case errors.Is(err, ingest.ErrTooMany):
		writeJSON(w, http.StatusRequestEntityTooLarge, errorBody("TOO_LARGE",
			fmt.Sprintf("more than %d articles in one request: send them in several requests (nothing was loaded)", ingest.MaxRecords)))
		return
	case errors.Is(err, ingest.ErrNoRecords):
		writeJSON(w, http.StatusBadRequest, errorBody(schema.CodeBadInput, "the body holds no article"))
		return
	case errors.Is(err, ingest.ErrUnknownCharset):
		writeJSON(w, http.StatusUnsupportedMediaType, errorBody(schema.CodeBadInput,
			"unsupported charset: send UTF-8, or declare shift_jis, euc-jp or iso-2022-jp"))
		return
	case errors.Is(err, ingest.ErrCharset):
		msg := fmt.Sprintf("the body is not valid %.40s text (nothing was loaded)", params["charset"])
		if params["charset"] == "" {
			msg = "the body is " + ingest.ErrCharset.Error() + " (nothing was loaded)"
		}
		writeJSON(w, http.StatusBadRequest, errorBody(schema.CodeBadInput, msg))
		return
	case err != nil:
		s.log.Error("load articles", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]any{"results": results,
			"errors": []map[string]any{{"message": "internal error", "extensions": map[string]string{"code": schema.CodeInternal}}}})
		return
	}
	status := http.StatusOK
	if loaded == 0 && failed > 0 {
		status = http.StatusBadRequest
	}
	writeJSON(w, status, map[string]any{"loaded": loaded, "failed": failed, "results": nonNilResults(results)})
}

func nonNilResults(rs []articleResult) []articleResult {
	if rs == nil {
		return []articleResult{}
	}
	return rs
}
