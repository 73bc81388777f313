// In-text figure mentions in JATS: the reference an xref makes, with panel letters the markup split off it.
#pragma once

#include <string>
#include <string_view>

namespace pubforge::jats {

// The reference text of an xref with the panel letters written just after it appended,
// ready for text::panels_named: ("Figure 2", "B–D), and") -> "Figure 2B–D";
// ("Fig. 3", " (c, d).") -> "Fig. 3c, d". `following` is the paragraph text right
// after the xref; it is read only when it starts with glued letters or a short
// bracket of panel letters ("(n = 12)" is not one).
std::string reference_with_panels(std::string_view reference, std::string_view following);

}  // namespace pubforge::jats
