// One FontDecoder per font object of a document, built on first use and shared by every page.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <utility>

#include "podofo_util.hpp"
#include "pubforge/pdf/font_decoder.hpp"

namespace pubforge::pdf {

class FontCache {
public:
    // The decoder for a font dictionary and a small id that tells fonts apart; {nullptr, 0}
    // when PoDoFo cannot read the font at all (its text is then lost, with a warning).
    std::pair<const FontDecoder*, int> get(const PoDoFo::PdfObject* font, PoDoFo::PdfMemDocument& document) {
        // Indirect fonts by object number; direct dictionaries (rare) by address, under -1.
        const Key key = font->Reference().IsIndirect()
                            ? Key{static_cast<long long>(font->Reference().ObjectNumber()),
                                  static_cast<long long>(font->Reference().GenerationNumber())}
                            : Key{-1, static_cast<long long>(reinterpret_cast<std::uintptr_t>(font))};
        auto found = by_key_.find(key);
        if (found != by_key_.end()) return {found->second.first.get(), found->second.second};
        std::unique_ptr<FontDecoder> decoder;
        try {
            decoder = std::make_unique<FontDecoder>(font, document);
        } catch (const PoDoFo::PdfError&) {
            ++unreadable_;
        }
        if (decoder && decoder->low_confidence()) ++low_confidence_;
        const int id = static_cast<int>(by_key_.size()) + 1;
        auto& slot = by_key_[key];
        slot = {std::move(decoder), id};
        return {slot.first.get(), id};
    }

    int unreadable() const { return unreadable_; }
    int low_confidence() const { return low_confidence_; }

private:
    using Key = std::pair<long long, long long>;
    std::map<Key, std::pair<std::unique_ptr<FontDecoder>, int>> by_key_;
    int unreadable_ = 0;
    int low_confidence_ = 0;
};

}  // namespace pubforge::pdf
