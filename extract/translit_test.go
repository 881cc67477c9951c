package extract

import "testing"

func TestTransliteration(t *testing.T) {
	tests := []struct {
		kana, latin string
		same        bool
	}{
		{"テンセント", "Tencent", true},
		{"アリババ", "Alibaba", true},
		{"エヌビディア", "Nvidia", true},
		{"グーグル", "Google", true},
		{"マイクロソフト", "Microsoft", true},
		{"バイトダンス", "ByteDance", true},
		{"オープンエーアイ", "OpenAI", false},
		{"ソニー", "Sony", false}, // too short to tell: two consonants
		{"アマゾン", "Amazon", true},
		{"テスラ", "Toyota", false},
		{"グーグル", "Gogoro", true}, // the skeleton alone is ambiguous; the caller also checks types
		{"シーメンス", "Siemens", true},
		{"フィリップス", "Philips", true},
		{"サムスン", "Samsung", false},
	}
	for _, tc := range tests {
		if got := sameByTransliteration(tc.kana, tc.latin); got != tc.same {
			r, _ := romaji(tc.kana)
			t.Errorf("sameByTransliteration(%s, %s) = %v, want %v (skeletons %q, %q)", tc.kana, tc.latin, got, tc.same, skeleton(r), skeleton(tc.latin))
		}
	}
}
