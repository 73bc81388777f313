// Flattening JATS mixed content to plain text: inline markup joined as written, blocks spaced, math linearised.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

namespace pubforge::jats {

// An <xref> as it sits in flattened text: [start, end) are byte offsets.
struct XrefSpan {
    std::string type;  // ref-type: fig, table, bibr, ...
    std::string rid;   // space-separated target ids, as in JATS
    std::string text;
    size_t start = 0;
    size_t end = 0;
};

struct FlatText {
    std::string text;
    std::vector<XrefSpan> xrefs;
    // Floats met inside a paragraph (boxed-text, fig, table-wrap, ...): not part of
    // the paragraph's text; the body reader turns boxed text into blocks of its own.
    std::vector<const xmlNode*> floats;
};

enum class FlattenContext {
    Caption,    // everything a reader sees in a caption, title or cell
    Paragraph,  // running text: floats inside the paragraph are set aside
};

// Text of `node`'s content with whitespace collapsed (a single space, no leading
// or trailing space). Inline elements (italic, sub, xref, ...) add no space, so
// "H<sub>2</sub>O" stays "H2O"; block elements (p, title, label, list-item, ...)
// are separated by one space, so "<title>A</title><p>B</p>" never glues to "AB".
FlatText flatten(const xmlNode* node, FlattenContext context = FlattenContext::Caption);

// flatten(node).text, or "" for a null node.
std::string inline_text(const xmlNode* node);

// A table as text: rows on lines, cells separated by tabs, cell text flattened.
std::string table_text(const xmlNode* table);

// MathML as one line of readable text ("x^2+1", "a/b", "√(x)"); annotations dropped.
std::string linear_math(const xmlNode* math);

// TeX from <tex-math>: the formula alone, without PMC's \documentclass wrapper or $ delimiters.
std::string clean_tex(std::string_view tex);

// Appends text with whitespace collapsed, tracking byte offsets for spans.
class TextBuilder {
public:
    void append(std::string_view raw);
    void separate() { pending_space_ = !out_.empty(); }  // a block boundary
    // A field boundary: a space, unless the next character is closing punctuation.
    void soft_separate() { pending_soft_space_ = !out_.empty(); }
    size_t mark() const { return out_.size(); }
    // Offset of the first character appended after `mark` (past a flushed separator).
    size_t span_start(size_t mark) const { return mark < out_.size() && out_[mark] == ' ' ? mark + 1 : mark; }
    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }
    void reserve(size_t bytes) { out_.reserve(bytes); }

private:
    std::string out_;
    bool pending_space_ = false;
    bool pending_soft_space_ = false;
};

}  // namespace pubforge::jats
