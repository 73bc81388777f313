// placeholder
#include "pubforge/text/align.hpp"
namespace pubforge::text {
void align_record(Record&, const AlignOptions&) {}
}
