// Internal to the text module: sentences of a caption and which part of it each panel label owns.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace pubforge::text::detail {

// Offsets in [begin, end) where a new sentence starts (after . ! ? and a space, before a capital,
// digit, bracket or non-ASCII byte; "Fig." and "e.g." do not end sentences).
std::vector<size_t> sentence_starts(std::string_view s, size_t begin, size_t end);

// Where the sentence holding p starts (never before `floor`); a ';' right before p counts too.
size_t sentence_start_of(std::string_view s, size_t floor, size_t p);

// Sentences that describe every panel: scale bars, magnification, statistics, stains, legends.
bool applies_to_all_panels(std::string_view sentence);

// One label marker of the chosen chain, as the cutter sees it.
struct MarkerSpan {
    size_t begin = 0;
    size_t end = 0;
    bool inline_marker = false;  // written inside a clause, after a word: "interleukin-1 (A), ..."
    bool opens_clause = false;   // after . ; : or at the start: "cells. g) Scattered ..." starts a unit
    bool after_word = false;     // written right after a word: "vertebrae in (C)", not "tissues: (A)"
};

// A panel's text before cleaning: [begin, end) of the caption.
struct Piece {
    size_t begin = 0;
    size_t end = 0;
    // Words that open the sentence before its first label, shared by that sentence's labels:
    // "Thoracic vertebrae in" of "Thoracic vertebrae in (C) posterior and (D) lateral views."
    size_t head_begin = 0;
    size_t head_end = 0;
    // Sentences after such a sentence, up to the next label, that go on about all of its labels
    // ("... shown for (B) co-infected and (C) virus-only groups. Set points were ..."): the last
    // label's piece holds them, the other labels of the sentence get them as a tail.
    size_t tail_begin = 0;
    size_t tail_end = 0;
};

// The pieces of labels cut at their markers, re-shared by the sentences (and ';' clauses) that hold them,
// in this order:
// 1. Labels written inside a sentence ("Strong (A) and weak (B) XIAP expression ...",
//    "analysed by immunoblotting (A) and Q-PCR (B).") describe their panels with the whole
//    sentence: every label of such a sentence owns all of it, and the sentences after it up to
//    the next sentence holding a label. Other pieces are left as cut.
// 2. Labels written before their text but inside a sentence ("Thoracic vertebrae in (C) posterior
//    and (D) lateral views."): the sentence's opening words are the head of each of its labels, and
//    no longer the end of the previous label's text.
// 3. Labels before their text, two or more in one sentence ("(a) Sagittal and (b) oblique T2-weighted
//    images. Incidental dermoid (arrow) ..."): the sentences after it, up to the next label, speak of
//    all of them. The last label's piece holds them; the others get them as a tail.
void share_sentences(std::string_view s, const std::vector<MarkerSpan>& markers, std::vector<Piece>& pieces);

}  // namespace pubforge::text::detail
