package extract

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// decodeReference is Viterbi written plainly: for each label, every allowed label before it,
// the first of equals kept.
func decodeReference(m *nerModel, emit [][nLabels]float32) []int {
	n := len(emit)
	if n == 0 {
		return nil
	}
	inf := float32(math.Inf(-1))
	score := make([][nLabels]float32, n)
	back := make([][nLabels]int, n)
	for l := range nLabels {
		score[0][l] = inf
		if allowed(nLabels, l) {
			score[0][l] = emit[0][l] + m.trans[nLabels][l]
		}
	}
	for i := 1; i < n; i++ {
		for l := range nLabels {
			best, arg := inf, 0
			for p := range nLabels {
				if !allowed(p, l) {
					continue
				}
				if v := score[i-1][p] + m.trans[p][l]; v > best {
					best, arg = v, p
				}
			}
			score[i][l] = best + emit[i][l]
			back[i][l] = arg
		}
	}
	out := make([]int, n)
	best := inf
	for l := range nLabels {
		if score[n-1][l] > best {
			best, out[n-1] = score[n-1][l], l
		}
	}
	for i := n - 1; i > 0; i-- {
		out[i-1] = back[i][out[i]]
	}
	return out
}

// TestDecode checks the tagger's Viterbi against the plain one on random scores, coarse enough
// that ties are frequent, and spread enough that most labels are left out early.
func TestDecode(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 3000 {
		var m nerModel
		spread := float32(1 + round%20)
		for p := range m.trans {
			for l := range m.trans[p] {
				m.trans[p][l] = float32(rng.IntN(17)-8) * spread / 8
			}
		}
		emit := make([][nLabels]float32, 1+rng.IntN(30))
		for i := range emit {
			for l := range emit[i] {
				emit[i][l] = float32(rng.IntN(17)-8) * spread / 2
			}
		}
		want := decodeReference(&m, emit)
		if got := m.decode(emit); !slices.Equal(got, want) {
			t.Fatalf("round %d: decode = %v, want %v", round, got, want)
		}
	}
}
