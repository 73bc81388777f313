// Small, defensive accessors over PoDoFo 0.9 objects: resolve references, read numbers and names, copy streams.
#pragma once

#include <podofo/podofo.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace pubforge::pdf::podofo {

using PoDoFo::PdfObject;

// Follows an indirect reference (one level at a time, bounded) to the object it names.
// Objects nested in arrays may not know their owner, so callers can lend one.
inline const PdfObject* resolve(const PdfObject* object, PoDoFo::PdfVecObjects* fallback_owner = nullptr) {
    for (int hops = 0; object && object->IsReference() && hops < 16; ++hops) {
        PoDoFo::PdfVecObjects* owner = object->GetOwner() ? object->GetOwner() : fallback_owner;
        if (!owner) return nullptr;
        fallback_owner = owner;
        object = owner->GetObject(object->GetReference());
    }
    return object && object->IsReference() ? nullptr : object;
}

// Dictionary value with references resolved; nullptr when absent or not a dictionary.
inline const PdfObject* get(const PdfObject* dict, const char* key) {
    dict = resolve(dict);
    if (!dict || !dict->IsDictionary()) return nullptr;
    const PdfObject* value = dict->GetDictionary().GetKey(PoDoFo::PdfName(key));
    if (!value) return nullptr;
    return resolve(value, dict->GetOwner());
}

inline bool is_number(const PdfObject* object) { return object && (object->IsNumber() || object->IsReal()); }

inline double number(const PdfObject* object, double fallback = 0) {
    object = resolve(object);
    return is_number(object) ? object->GetReal() : fallback;
}

// A PDF number as an int: out-of-range values (a hostile /Width 1e30) are clamped and
// NaN gives the fallback, because converting them with static_cast is undefined behaviour.
inline int clamped_int(double value, int fallback = 0) {
    if (std::isnan(value)) return fallback;
    if (value <= std::numeric_limits<int>::min()) return std::numeric_limits<int>::min();
    if (value >= std::numeric_limits<int>::max()) return std::numeric_limits<int>::max();
    return static_cast<int>(value);
}

inline int integer(const PdfObject* object, int fallback = 0) { return clamped_int(number(object, fallback), fallback); }

// PoDoFo's description of an error; ErrorMessage() is null for many codes, so
// the code's name (or number) stands in rather than a null char* reaching a std::string.
inline std::string error_text(PoDoFo::EPdfError code) {
    if (const char* message = PoDoFo::PdfError::ErrorMessage(code)) return message;
    if (const char* error_name = PoDoFo::PdfError::ErrorName(code)) return error_name;
    return "PoDoFo error " + std::to_string(static_cast<int>(code));
}

inline std::string name(const PdfObject* object) {
    object = resolve(object);
    return object && object->IsName() ? object->GetName().GetName() : std::string();
}

inline std::vector<const PdfObject*> array_items(const PdfObject* object) {
    std::vector<const PdfObject*> items;
    object = resolve(object);
    if (!object || !object->IsArray()) return items;
    for (const PdfObject& item : object->GetArray()) {
        const PdfObject* resolved = resolve(&item, object->GetOwner());
        if (resolved) items.push_back(resolved);
    }
    return items;
}

// Numbers of an array (e.g. /Matrix, /BBox, /Decode); non-numbers become 0.
inline std::vector<double> numbers(const PdfObject* object) {
    std::vector<double> values;
    for (const PdfObject* item : array_items(object)) values.push_back(number(resolve(item)));
    return values;
}

// The raw bytes of a PdfString (hex or literal), without terminators.
inline std::string string_bytes(const PoDoFo::PdfString& text) {
    return std::string(text.GetString(), text.GetLength());
}

// Decoded stream contents; throws PdfError when a filter fails.
inline std::string decoded_stream(const PdfObject* object) {
    object = resolve(object);
    if (!object || !object->HasStream()) return {};
    char* buffer = nullptr;
    PoDoFo::pdf_long length = 0;
    object->GetStream()->GetFilteredCopy(&buffer, &length);
    std::string bytes(buffer ? buffer : "", buffer ? static_cast<size_t>(length) : 0);
    PoDoFo::podofo_free(buffer);
    return bytes;
}

// Stream contents as stored (still filtered), e.g. JPEG bytes of a DCTDecode image.
inline std::string raw_stream(const PdfObject* object) {
    object = resolve(object);
    if (!object || !object->HasStream()) return {};
    char* buffer = nullptr;
    PoDoFo::pdf_long length = 0;
    object->GetStream()->GetCopy(&buffer, &length);
    std::string bytes(buffer ? buffer : "", buffer ? static_cast<size_t>(length) : 0);
    PoDoFo::podofo_free(buffer);
    return bytes;
}

// Names of the filters on a stream, in order.
inline std::vector<std::string> filters(const PdfObject* stream_object) {
    const PdfObject* filter = get(stream_object, "Filter");
    std::vector<std::string> names;
    if (!filter) return names;
    if (filter->IsName()) names.push_back(filter->GetName().GetName());
    for (const PdfObject* item : array_items(filter)) names.push_back(name(item));
    return names;
}

// UTF-16BE bytes (as in ToUnicode maps and text strings with a BOM) to UTF-8.
std::string utf16be_to_utf8(const std::string& bytes);
void append_utf8(std::string& out, unsigned code_point);

// A PDF text string (document info): UTF-16BE with BOM, else PDFDocEncoding.
std::string text_string(const PoDoFo::PdfString& text);

}  // namespace pubforge::pdf::podofo
