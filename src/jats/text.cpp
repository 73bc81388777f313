// Mixed-content flattening: which JATS elements are inline, which are blocks, and what is never text.
#include "text.hpp"

#include <array>
#include <unordered_map>

#include "pubforge/jats/xml_document.hpp"

namespace pubforge::jats {
namespace {

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
        if (n == name) return true;
    return false;
}

// How flattening treats an element, as bit flags (fig is both a block and a float).
enum Role : unsigned {
    kInline = 0,
    kBlock = 1,      // seen as a separate line or box: text on either side is spaced
    kField = 2,      // a field of structured content: spaced, but never before punctuation
    kNeverText = 4,  // accessibility descriptions, identifiers: not text at all
    kFloat = 8,      // set aside from running text: a paragraph does not read a figure's caption
};

// Element names are looked up once per element, so the table is a hash map built once.
unsigned role_of(std::string_view name) {
    static const std::unordered_map<std::string_view, unsigned> roles = [] {
        std::unordered_map<std::string_view, unsigned> table;
        for (std::string_view n :
             {"p", "title", "label", "caption", "list", "list-item", "def-list", "def-item", "term", "def", "disp-quote",
              "disp-formula", "break", "sec", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "table-wrap-foot",
              "statement", "speech", "speaker", "verse-group", "verse-line", "ref", "mixed-citation",
              "element-citation", "address", "aff", "fn", "fn-group", "attrib", "app", "ack", "abstract", "glossary",
              "subtitle", "alt-title", "hr"})
            table[n] = kBlock;
        for (std::string_view n : {"fig", "fig-group", "table-wrap", "table-wrap-group", "boxed-text",
                                   "supplementary-material", "media", "chem-struct-wrap"})
            table[n] = kBlock | kFloat;
        for (std::string_view n :
             {"institution", "institution-wrap", "addr-line", "country", "city", "state", "postal-code", "surname",
              "given-names", "prefix", "suffix", "name", "string-name", "collab", "etal", "person-group",
              "article-title", "chapter-title", "source", "year", "month", "day", "volume", "issue", "fpage", "lpage",
              "elocation-id", "pub-id", "publisher-name", "publisher-loc", "edition", "date-in-citation",
              "part-title", "trans-title", "trans-source", "conf-name", "conf-date", "conf-loc", "comment", "size",
              "page-range"})
            table[n] = kField;
        for (std::string_view n : {"alt-text", "long-desc", "object-id", "annotation", "annotation-xml", "permissions",
                                   "inline-graphic", "graphic", "private-char"})
            table[n] = kNeverText;
        return table;
    }();
    const auto it = roles.find(name);
    return it == roles.end() ? kInline : it->second;
}

bool is_never_text(std::string_view name) { return (role_of(name) & kNeverText) != 0; }

// Entities a DTD would define; used when the DTD was (deliberately) not loaded.
std::string_view known_entity(std::string_view name) {
    static const std::array<std::pair<std::string_view, std::string_view>, 24> table{{
        {"nbsp", " "},        {"ndash", "\u2013"},  {"mdash", "\u2014"},  {"hellip", "\u2026"},
        {"deg", "\u00b0"},    {"plusmn", "\u00b1"}, {"times", "\u00d7"},  {"micro", "\u00b5"},
        {"alpha", "\u03b1"},  {"beta", "\u03b2"},   {"gamma", "\u03b3"},  {"delta", "\u03b4"},
        {"mu", "\u03bc"},     {"le", "\u2264"},     {"ge", "\u2265"},     {"minus", "\u2212"},
        {"lsquo", "\u2018"},  {"rsquo", "\u2019"},  {"ldquo", "\u201c"},  {"rdquo", "\u201d"},
        {"thinsp", "\u2009"}, {"copy", "\u00a9"},   {"reg", "\u00ae"},    {"trade", "\u2122"},
    }};
    for (const auto& [entity, text] : table)
        if (entity == name) return text;
    return {};
}

bool parent_has_math(const xmlNode* node) {
    return node->parent && is_element(node->parent, "alternatives") && child(node->parent, "math") != nullptr;
}

class Flattener {
public:
    Flattener(FlattenContext context, FlatText& out) : context_(context), out_(out) {}

    void content(const xmlNode* node) {
        for (const xmlNode* c = node->children; c; c = c->next) visit(c);
    }
    std::string finish() { return builder_.take(); }
    void reserve(size_t bytes) { builder_.reserve(bytes); }

private:
    void visit(const xmlNode* node) {
        switch (node->type) {
            case XML_TEXT_NODE:
            case XML_CDATA_SECTION_NODE:
                builder_.append(node_text(node));
                return;
            case XML_ENTITY_REF_NODE:
                builder_.append(known_entity(local_name(node)));
                return;
            case XML_ELEMENT_NODE:
                element(node);
                return;
            default:
                return;  // comments, processing instructions
        }
    }

    void element(const xmlNode* node) {
        const std::string_view name = local_name(node);
        const unsigned role = role_of(name);
        if (role & kNeverText) return;
        if (context_ == FlattenContext::Paragraph && (role & kFloat)) {
            out_.floats.push_back(node);
            builder_.separate();
            return;
        }
        if (name == "math") {
            builder_.append(linear_math(node));
            return;
        }
        if (name == "tex-math") {
            if (!parent_has_math(node)) builder_.append(clean_tex(inline_text_of_tex(node)));
            return;
        }
        const bool block = (role & kBlock) != 0;
        const bool field = (role & kField) != 0;
        if (block) builder_.separate();
        if (field) builder_.soft_separate();
        if (name == "xref") {
            const size_t mark = builder_.mark();
            content(node);
            XrefSpan span;
            span.type = attribute(node, "ref-type");
            span.rid = attribute(node, "rid");
            span.start = builder_.span_start(mark);
            span.end = std::max(span.start, builder_.mark());
            span.text = builder_.text().substr(span.start, span.end - span.start);
            out_.xrefs.push_back(std::move(span));
        } else {
            content(node);
        }
        if (block) builder_.separate();
        if (field) builder_.soft_separate();
    }

    static std::string inline_text_of_tex(const xmlNode* node) {
        std::string raw;
        for (const xmlNode* c = node->children; c; c = c->next)
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) raw += node_text(c);
        return raw;
    }

    FlattenContext context_;
    FlatText& out_;
    TextBuilder builder_;
};

// MathML elements whose text is the formula's own (identifiers, numbers, operators).
bool is_math_token(std::string_view name) { return one_of(name, {"mi", "mn", "mo", "mtext", "ms"}); }

void linearise(const xmlNode* node, std::string& out);

std::string linearised(const xmlNode* node) {
    std::string out;
    if (node) linearise(node, out);
    return out;
}

std::vector<const xmlNode*> element_children(const xmlNode* node) {
    std::vector<const xmlNode*> out;
    for (const xmlNode* c = node->children; c; c = c->next)
        if (is_element(c)) out.push_back(c);
    return out;
}

// "ab" stays "ab" but "a+b" becomes "(a+b)" where precedence would otherwise be lost.
std::string grouped(const std::string& text) {
    if (text.size() <= 1) return text;
    for (unsigned char c : text)
        if (!std::isalnum(c) && c != '.' && c < 0x80) return "(" + text + ")";
    return text;
}

void linearise(const xmlNode* node, std::string& out) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->parent && is_math_token(local_name(node->parent))) {
            TextBuilder token;
            token.append(node_text(node));
            out += token.text();
        }
        return;
    }
    if (!is_element(node)) return;
    const std::string_view name = local_name(node);
    if (is_never_text(name)) return;
    const auto args = element_children(node);
    if (name == "semantics") {
        if (!args.empty()) linearise(args.front(), out);
        return;
    }
    if (name == "mspace") {
        out += ' ';
        return;
    }
    if ((name == "msup" || name == "msub") && args.size() == 2) {
        out += linearised(args[0]) + (name == "msup" ? "^" : "_") + grouped(linearised(args[1]));
        return;
    }
    if (name == "msubsup" && args.size() == 3) {
        out += linearised(args[0]) + "_" + grouped(linearised(args[1])) + "^" + grouped(linearised(args[2]));
        return;
    }
    if (name == "mfrac" && args.size() == 2) {
        out += grouped(linearised(args[0])) + "/" + grouped(linearised(args[1]));
        return;
    }
    if (name == "msqrt") {
        std::string inner;
        for (const xmlNode* a : args) linearise(a, inner);
        out += "\u221a(" + inner + ")";
        return;
    }
    if (name == "mroot" && args.size() == 2) {
        out += "root(" + linearised(args[0]) + ", " + linearised(args[1]) + ")";
        return;
    }
    if (name == "mfenced") {
        const std::string open = has_attribute(node, "open") ? attribute(node, "open") : "(";
        const std::string close = has_attribute(node, "close") ? attribute(node, "close") : ")";
        const std::string separators = has_attribute(node, "separators") ? attribute(node, "separators") : ",";
        out += open;
        for (size_t i = 0; i < args.size(); ++i) {
            if (i > 0 && !separators.empty()) out += separators[std::min(i - 1, separators.size() - 1)];
            linearise(args[i], out);
        }
        out += close;
        return;
    }
    for (const xmlNode* c = node->children; c; c = c->next) linearise(c, out);
}

}  // namespace

namespace {

// ASCII whitespace by byte; 0xC2 marks a possible U+00A0 (no-break space), which
// counts as whitespace too, as in normalize_space.
constexpr std::array<unsigned char, 256> kByteClass = [] {
    std::array<unsigned char, 256> table{};
    for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) table[c] = 1;
    table[0xC2] = 2;
    return table;
}();

// Length of the whitespace at raw[i] (0 when none).
size_t space_at(std::string_view raw, size_t i) {
    const unsigned char kind = kByteClass[static_cast<unsigned char>(raw[i])];
    if (kind == 1) return 1;
    if (kind == 2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xA0) return 2;
    return 0;
}

}  // namespace

void TextBuilder::append(std::string_view raw) {
    size_t i = 0;
    while (i < raw.size()) {
        if (const size_t space = space_at(raw, i)) {
            pending_space_ = !out_.empty();
            i += space;
            continue;
        }
        // A run of non-space bytes is copied at once.
        size_t j = i + 1;
        while (j < raw.size() && (kByteClass[static_cast<unsigned char>(raw[j])] == 0 || space_at(raw, j) == 0)) ++j;
        const unsigned char c = static_cast<unsigned char>(raw[i]);
        const bool closing_punctuation = c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == ']';
        if (pending_space_ || (pending_soft_space_ && !closing_punctuation)) out_ += ' ';
        pending_space_ = pending_soft_space_ = false;
        out_.append(raw.data() + i, j - i);
        i = j;
    }
}

FlatText flatten(const xmlNode* node, FlattenContext context) {
    FlatText out;
    if (!node) return out;
    Flattener flattener(context, out);
    // Paragraphs run to hundreds of bytes: start with room instead of doubling up to it.
    if (context == FlattenContext::Paragraph) flattener.reserve(512);
    flattener.content(node);
    out.text = flattener.finish();
    return out;
}

std::string inline_text(const xmlNode* node) {
    if (!node) return {};
    // Most titles, names and ids are one text node: no need for the whole flattener.
    const xmlNode* only = node->children;
    if (only && !only->next && (only->type == XML_TEXT_NODE || only->type == XML_CDATA_SECTION_NODE)) {
        TextBuilder builder;
        builder.append(node_text(only));
        return builder.take();
    }
    return flatten(node).text;
}

std::string table_text(const xmlNode* table) {
    std::string out;
    for (const xmlNode* row : descendants(table, "tr")) {
        std::string line;
        bool first = true;
        for (const xmlNode* cell = row->children; cell; cell = cell->next) {
            if (!is_element(cell, "td") && !is_element(cell, "th")) continue;
            if (!first) line += '\t';
            first = false;
            line += inline_text(cell);
        }
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

std::string linear_math(const xmlNode* math) {
    TextBuilder builder;
    builder.append(linearised(math));
    return builder.take();
}

std::string clean_tex(std::string_view tex) {
    const std::string_view begin = "\\begin{document}", end = "\\end{document}";
    const auto b = tex.find(begin);
    if (b != std::string_view::npos) {
        tex.remove_prefix(b + begin.size());
        const auto e = tex.find(end);
        if (e != std::string_view::npos) tex = tex.substr(0, e);
    }
    TextBuilder builder;
    builder.append(tex);
    std::string_view text = builder.text();
    for (std::string_view delimiter : {"$$", "$", "\\[", "\\("}) {
        const std::string_view closing = delimiter == "\\[" ? "\\]" : delimiter == "\\(" ? "\\)" : delimiter;
        if (text.size() >= delimiter.size() + closing.size() && text.substr(0, delimiter.size()) == delimiter &&
            text.substr(text.size() - closing.size()) == closing) {
            text = text.substr(delimiter.size(), text.size() - delimiter.size() - closing.size());
            break;
        }
    }
    TextBuilder trimmed;
    trimmed.append(text);
    return trimmed.take();
}

}  // namespace pubforge::jats
