package main

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// runHealth asks a running server whether it is healthy: for container health checks, where
// there is no curl.
func (m *Main) runHealth(ctx context.Context, args []string) error {
	fs := m.flagSet("health", "[--url http://127.0.0.1:8080/healthz]")
	url := fs.String("url", "http://127.0.0.1:8080/healthz", "the server's health `URL`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %s", *url, resp.Status)
	}
	fmt.Fprintln(m.Stdout, "ok")
	return nil
}
