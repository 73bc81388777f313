// Caption splitting: picks one consistent label family among the candidates, then cuts the caption around it.
#include "pubforge/text/caption_split.hpp"

#include <algorithm>
#include <array>

#include "caption_pieces.hpp"
#include "label_chain.hpp"
#include "label_scan.hpp"
#include "label_tokens.hpp"
#include "pubforge/text/utf8.hpp"

namespace pubforge::text {
namespace {

using detail::Chain;
using detail::LabelCandidate;
using detail::choose_chain;
using detail::missing_between;
using detail::LabelClass;
using detail::LabelToken;
using detail::MarkerStyle;
using detail::label_key;
using detail::MarkerSpan;
using detail::Piece;
using detail::applies_to_all_panels;
using detail::sentence_start_of;
using detail::sentence_starts;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }


size_t dash_at(std::string_view s, size_t p) {
    if (p >= s.size()) return 0;
    if (s[p] == '-') return 1;
    if (p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2 &&
        ((static_cast<unsigned char>(s[p + 1]) == 0x80 && static_cast<unsigned char>(s[p + 2]) >= 0x90 &&
          static_cast<unsigned char>(s[p + 2]) <= 0x95)))
        return 3;
    return 0;
}

bool word_at(std::string_view s, size_t p, size_t end, std::string_view word) {
    if (p + word.size() > end) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (lower(s[p + k]) != word[k]) return false;
    return p + word.size() == end || is_space(s[p + word.size()]);
}

// Shrinks [begin, end) past spaces and joining punctuation: ", and", "—", ";".
std::pair<size_t, size_t> trim_connectors(std::string_view s, size_t begin, size_t end) {
    for (bool moved = true; moved && begin < end;) {
        moved = false;
        // ')' is the rest of "((a), (b)) text", where brackets wrap a list of labels.
        while (begin < end && (is_space(s[begin]) || s[begin] == ',' || s[begin] == ';' || s[begin] == ':' ||
                               s[begin] == '.' || s[begin] == '&' || s[begin] == ')')) {
            ++begin;
            moved = true;
        }
        if (const size_t d = dash_at(s, begin); d && begin + d <= end) {
            begin += d;
            moved = true;
        }
        for (std::string_view w : {std::string_view("and"), std::string_view("or")}) {
            if (word_at(s, begin, end, w)) {
                begin += w.size();
                moved = true;
            }
        }
    }
    for (bool moved = true; moved && end > begin;) {
        moved = false;
        while (end > begin && (is_space(s[end - 1]) || s[end - 1] == ',' || s[end - 1] == ';' || s[end - 1] == '(')) {
            --end;
            moved = true;
        }
        if (end - begin >= 4 && is_space(s[end - 4]) && word_at(s, end - 3, end, "and")) {
            end -= 3;
            moved = true;
        }
    }
    return {begin, end};
}

// Text of [begin, end) without the chain's own markers, cleaned for output: one
// pass into one string (a marker reads as a space), then trimmed in place.
std::string render(std::string_view s, size_t begin, size_t end, const Chain& chain) {
    std::string out;
    out.reserve(end > begin ? end - begin : 0);
    bool pending_space = false;
    size_t p = begin;
    for (const LabelCandidate* m : chain.markers) {
        if (m->end <= begin || m->begin >= end) continue;
        if (m->begin > p) append_clean_text(out, s.substr(p, m->begin - p), pending_space);
        pending_space = pending_space || !out.empty();
        p = std::max(p, m->end);
    }
    if (p < end) append_clean_text(out, s.substr(p, end - p), pending_space);
    const auto [b, e] = trim_connectors(out, 0, out.size());
    out.erase(e);
    out.erase(0, b);
    return out;
}

// A bracket opening with a lone letter in [begin, end): "(A, D, G, J)", "(C)", "[b-d]", "(A and C: 100x)";
// not "(arrows)" or "(-)".
bool names_panel_in_brackets(std::string_view s, size_t begin, size_t end) {
    for (size_t p = begin; p + 2 < end; ++p) {
        if (s[p] != '(' && s[p] != '[') continue;
        const char letter = s[p + 1];
        const char next = s[p + 2];
        if (((letter >= 'A' && letter <= 'Z') || (letter >= 'a' && letter <= 'z')) &&
            (next == ')' || next == ']' || next == ',' || next == ' ' || next == '-' || next == ':' || is_digit(next) ||
             static_cast<unsigned char>(next) == 0xE2))
            return true;
    }
    return false;
}

// The chain markers holding a label, by key; false when a label is not the chain's.
bool owners_of(const Chain& chain, const detail::TokenRange& labels, std::vector<size_t>& owners) {
    for (const LabelToken& t : labels) {
        bool found = false;
        for (size_t k = 0; k < chain.markers.size() && !found; ++k)
            for (const LabelToken& own : chain.markers[k]->labels)
                if (label_key(own) == label_key(t) || (own.major == t.major && own.minor == 0 && t.minor > 0)) {
                    if (std::find(owners.begin(), owners.end(), k) == owners.end()) owners.push_back(k);
                    found = true;
                    break;
                }
        if (!found) return false;
    }
    return true;
}

// A sentence [begin, end) naming panels of the chain other than the last one, in brackets ("(D, G)", "(A)")
// or opening with "In A," / "In C and D,"; `owners` gets their marker indexes.
bool names_earlier_panels(std::string_view text, size_t begin, size_t end, const Chain& chain, std::vector<size_t>& owners) {
    const detail::LabelClass cls = chain.markers.front()->label_class;
    if (cls != detail::LabelClass::Upper && cls != detail::LabelClass::Lower) return false;
    for (const LabelCandidate& c : *chain.candidates) {
        if (c.begin < begin || c.end > end || c.label_class != cls) continue;
        // "B: Infratentorial SE show ...": a sentence opening with a label is that panel's own.
        if (c.begin == begin) return false;
        if (c.style != MarkerStyle::Paren) continue;
        if (!owners_of(chain, c.labels, owners)) return false;
    }
    if (text.compare(begin, 3, "In ") == 0) {
        thread_local std::vector<LabelToken> pool;
        pool.clear();
        size_t e = 0;
        size_t p = begin + 3;
        if (text.compare(p, 7, "panels ") == 0) p += 7;
        else if (text.compare(p, 6, "panel ") == 0) p += 6;
        if (detail::parse_label_list(text, p, cls, pool, e) && e < end && text[e] == ',' &&
            !owners_of(chain, detail::TokenRange{pool.data(), pool.size()}, owners))
            return false;
    }
    const size_t last = chain.markers.size() - 1;
    return !owners.empty() && std::find(owners.begin(), owners.end(), last) == owners.end();
}

// Right after a word: "vertebrae in (C)", not "tissues: (A)", "cancer.(a)" or "(A)" opening the caption.
bool follows_word(std::string_view s, size_t begin) {
    size_t e = begin;
    while (e > 0 && is_space(s[e - 1])) --e;
    return e > 0 && ((s[e - 1] >= 'a' && s[e - 1] <= 'z') || (s[e - 1] >= 'A' && s[e - 1] <= 'Z'));
}

// A label written after its text, inside a clause: after a word and followed by punctuation or
// "and"/"or" ("interleukin-1 (A), interleukin-10 (B)", "Strong (A) and weak (B) XIAP"). Not
// "(A) Bone marrow (B) Liver": there the label comes first, with its text after it, and not
// "Levels are shown for (B) co-infected and (C) ...": there the sentence's opening words head each
// label (share_sentence_heads) rather than the whole sentence going to both.
bool written_inline(std::string_view s, size_t begin, size_t end) {
    size_t e = begin;
    while (e > 0 && is_space(s[e - 1])) --e;
    if (e == 0) return false;
    const char c = s[e - 1];
    if (c == '.' || c == ';' || c == ':' || c == ',' || c == '!' || c == '?' || c == '(' || c == '[' || c == '-') return false;
    if (e >= 3 && static_cast<unsigned char>(s[e - 3]) == 0xE2 && static_cast<unsigned char>(s[e - 2]) == 0x80) return false;
    size_t q = end;
    while (q < s.size() && is_space(s[q])) ++q;
    if (q >= s.size()) return true;
    const char next = s[q];
    if (next == ',' || next == ';' || next == '.' || next == ':' || next == ')') return true;
    return word_at(s, q, s.size(), "and") || word_at(s, q, s.size(), "or");
}

// A marker listing only sub-labels of one letter ("E1 and E2", "B1-B3"): one panel in parts.
bool is_one_panel_in_parts(const detail::TokenRange& labels) {
    if (labels.size() < 2 || labels.front().major == 0) return false;
    for (const LabelToken& t : labels)
        if (t.minor == 0 || t.major != labels.front().major) return false;
    return true;
}

void append_shared(std::string& shared, const std::string& part) {
    if (part.empty()) return;
    if (!shared.empty()) shared += ' ';
    shared += part;
}

std::string describe_gap(const Chain& chain) {
    std::string missing;
    for (size_t k = 1; k < chain.markers.size(); ++k) {
        const LabelToken& last = chain.markers[k - 1]->labels.back();
        const LabelToken& next = chain.markers[k]->labels.front();
        if (missing_between(last, next) == 0) continue;
        if (!missing.empty()) missing += ", ";
        missing += "between ";
        missing += last.text();
        missing += " and ";
        missing += next.text();
    }
    return missing;
}

// The label chain split_caption cuts around, shortened to options.max_labels labels (`too_many` then
// set); no markers when the caption is not split. Points into a per-thread scan buffer whose capacity
// is reused, so warm calls allocate nothing for candidates; valid until the thread's next call.
Chain chosen_chain(std::string_view text, const SplitOptions& options, bool& too_many) {
    thread_local detail::LabelScan scan;
    detail::scan_label_candidates(text, options.max_labels * 4, scan);
    Chain chain = choose_chain(scan.candidates, text);
    chain.candidates = &scan.candidates;
    too_many = false;
    if (chain.score < 0) return {};
    size_t labels = 0;
    for (size_t k = 0; k < chain.markers.size(); ++k) {
        labels += chain.markers[k]->labels.size();
        if (labels > options.max_labels) {
            chain.markers.resize(k);
            too_many = true;
            break;
        }
    }
    if (chain.markers.size() < 2 && labels < 2) chain.markers.clear();
    return chain;
}

// How many subcaptions a marker gives: one for "(E1 and E2)" (a panel in parts), else one per label.
size_t subcaptions_of(const LabelCandidate& marker) {
    return is_one_panel_in_parts(marker.labels) ? 1 : marker.labels.size();
}

std::string_view limited(std::string_view caption, const SplitOptions& options) {
    return caption.size() > options.max_bytes ? caption.substr(0, utf8_floor(caption, options.max_bytes)) : caption;
}

}  // namespace

CaptionSplit split_caption(std::string_view caption, const SplitOptions& options) {
    CaptionSplit result;
    const std::string_view text = limited(caption, options);
    if (text.size() < caption.size()) {
        result.warnings.push_back("caption.truncated: " + std::to_string(caption.size()) + " bytes, split on the first " +
                                  std::to_string(text.size()));
    }
    if (!is_valid_utf8(text)) result.warnings.push_back("caption.invalid-utf8: ill-formed bytes replaced by U+FFFD");

    bool too_many = false;
    Chain chain = chosen_chain(text, options, too_many);
    if (too_many) result.warnings.push_back("caption.too-many-labels: kept the first " + std::to_string(options.max_labels));
    if (chain.markers.empty()) {
        result.shared = clean_text(text);
        return result;
    }
    if (chain.gaps > 0) result.warnings.push_back("caption.label-gap: " + describe_gap(chain));

    // Labels after their text ("liver (A), kidney (B)") or before it ("(A) liver. (B) kidney").
    size_t before_votes = 0;
    size_t after_votes = 0;
    for (const LabelCandidate* m : chain.markers) {
        before_votes += m->after_boundary ? 1 : 0;
        after_votes += (m->before_punctuation && !m->after_boundary) ? 1 : 0;
    }
    const bool trailing_labels = chain.markers.front()->style == MarkerStyle::Paren && after_votes > before_votes;

    const size_t count = chain.markers.size();
    std::vector<Piece> pieces(count);
    if (!trailing_labels) {
        for (size_t k = 0; k < count; ++k) {
            pieces[k].begin = chain.markers[k]->end;
            pieces[k].end = k + 1 < count ? chain.markers[k + 1]->begin : text.size();
        }
        // "(A-D) shows ... Immunostaining for CD34 (anti-CD34, E-H) at 200x shows ...",
        // "Strong (A) and weak (B) XIAP expression ...": labels written inside a sentence own
        // that whole sentence, not only the text after them.
        std::vector<MarkerSpan> spans(count);
        for (size_t k = 0; k < count; ++k) {
            const LabelCandidate* m = chain.markers[k];
            spans[k] = {m->begin, m->end,
                        m->inside_text ||
                            (m->style == MarkerStyle::Paren && written_inline(text, m->begin, m->end)),
                        m->after_boundary, m->style == MarkerStyle::Paren && follows_word(text, m->begin)};
        }
        detail::share_sentences(text, spans, pieces);
    } else {
        size_t previous_end = 0;
        for (size_t k = 0; k < count; ++k) {
            const LabelCandidate* m = chain.markers[k];
            const size_t sentence = sentence_start_of(text, previous_end, m->begin);
            pieces[k].begin = k == 0 ? sentence : std::max(previous_end, sentence);
            pieces[k].end = m->end;
            // The rest of the previous label's sentence (and any sentence between) stays with it.
            if (k > 0) pieces[k - 1].end = pieces[k].begin;
            previous_end = m->end;
        }
        pieces[count - 1].end = text.size();
        // "mRNA levels of HYAL1 (C), GREB1 (D) and TFF1 (E) were also analysed by Q-PCR. (-) denotes ...":
        // what follows the last label of a sentence (its predicate, then the sentences up to the next
        // label) speaks of every label of that sentence.
        for (size_t k = 0; k < count;) {
            size_t last = k;
            while (last + 1 < count && pieces[last + 1].begin == chain.markers[last]->end) ++last;
            const size_t after = chain.markers[last]->end;
            // Up to the first sentence that names panels itself ("... of uninfected (A, D, G, J) or
            // chronic (C, F, I, L)", "(A and C: 100x)"): that is another grouping of the panels.
            size_t tail_end = after;
            std::vector<size_t> bounds = sentence_starts(text, after, pieces[last].end);
            bounds.push_back(pieces[last].end);
            for (size_t b : bounds) {
                if (names_panel_in_brackets(text, tail_end, b)) break;
                tail_end = b;
            }
            for (size_t j = k; j < last && tail_end > after; ++j) {
                pieces[j].tail_begin = after;
                pieces[j].tail_end = tail_end;
            }
            k = last + 1;
        }
    }

    // Sentences closing the last panel's text that speak of all panels belong to the shared part.
    Piece& last = pieces[count - 1];
    std::string tail;
    // Sentence starts of the last panel's text, for both passes below (the second sees the ones left).
    std::vector<size_t> starts = sentence_starts(text, last.begin, last.end);
    {
        size_t cut = last.end;
        for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
            if (!applies_to_all_panels(text.substr(*it, cut - *it))) break;
            cut = *it;
        }
        if (cut < last.end) {
            tail = render(text, cut, last.end, chain);
            const size_t old_end = last.end;
            for (Piece& piece : pieces) {
                if (piece.end == old_end) piece.end = std::max(piece.begin, cut);
                if (piece.tail_end > cut) piece.tail_end = std::max(piece.tail_begin, cut);
            }
        }
    }

    // Closing sentences that name earlier panels ("... detectable in carcinoma (D, G), while ... normal
    // tissue (A).", "In A, immunoblotting was ..."): theirs, not the last panel's.
    std::vector<std::vector<std::pair<size_t, size_t>>> moved;
    {
        while (!starts.empty() && starts.back() >= last.end) starts.pop_back();
        size_t cut = last.end;
        std::vector<std::pair<std::pair<size_t, size_t>, std::vector<size_t>>> found;
        // The last panel keeps its first sentence: walk back no further than the second.
        for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
            std::vector<size_t> owners;
            if (!names_earlier_panels(text, *it, cut, chain, owners)) break;
            found.push_back({{*it, cut}, std::move(owners)});
            cut = *it;
        }
        if (!found.empty()) {
            moved.resize(count);
            for (auto it = found.rbegin(); it != found.rend(); ++it)
                for (size_t k : it->second) moved[k].push_back(it->first);
            const size_t old_end = last.end;
            for (Piece& piece : pieces) {
                if (piece.end == old_end) piece.end = std::max(piece.begin, cut);
                if (piece.tail_end > cut) piece.tail_end = std::max(piece.tail_begin, cut);
            }
        }
    }

    const Piece& first = pieces.front();
    append_shared(result.shared, render(text, 0, first.head_end > first.head_begin ? first.head_begin : first.begin, chain));
    for (size_t k = 0; k < count; ++k) {
        const auto [b, e] = trim_connectors(text, pieces[k].begin, pieces[k].end);
        std::string body = render(text, b, e, chain);
        if (pieces[k].head_end > pieces[k].head_begin) {
            // The sentence's opening words, then the label's own words (the span stays the latter).
            std::string head = render(text, pieces[k].head_begin, pieces[k].head_end, chain);
            if (!head.empty() && !body.empty()) head += ' ';
            body = head + body;
        }
        if (pieces[k].tail_end > pieces[k].tail_begin) {
            const std::string tail_text = render(text, pieces[k].tail_begin, pieces[k].tail_end, chain);
            if (!tail_text.empty() && !body.empty()) body += ' ';
            body += tail_text;
        }
        if (!moved.empty())
            for (const auto& [mb, me] : moved[k]) {
                const std::string sentence = render(text, mb, me, chain);
                if (!sentence.empty() && !body.empty()) body += ' ';
                body += sentence;
            }
        const detail::TokenRange& marker_labels = chain.markers[k]->labels;
        if (is_one_panel_in_parts(marker_labels)) {
            // "(E1 and E2) The glial cells ...": parts of panel E listed together are panel E.
            result.subcaptions.push_back({std::string(1, marker_labels.front().chars[0]), body, b, std::max(b, e)});
            continue;
        }
        for (const LabelToken& t : marker_labels)
            result.subcaptions.push_back({std::string(t.text()), body, b, std::max(b, e)});
    }
    append_shared(result.shared, tail);

    // "(B) and C) text": a label with nothing of its own shares the next label's text.
    for (size_t k = result.subcaptions.size(); k-- > 1;) {
        Subcaption& sub = result.subcaptions[k - 1];
        if (sub.text.empty()) {
            sub.text = result.subcaptions[k].text;
            sub.begin = result.subcaptions[k].begin;
            sub.end = result.subcaptions[k].end;
        }
    }
    return result;
}

// The label choice of split_caption without the cutting and cleaning: no text is copied.
size_t count_caption_labels(std::string_view caption) {
    const SplitOptions options;
    bool too_many = false;
    const Chain chain = chosen_chain(limited(caption, options), options, too_many);
    size_t count = 0;
    for (const LabelCandidate* m : chain.markers) count += subcaptions_of(*m);
    return count;
}

}  // namespace pubforge::text
