#pragma once

#include <QtGlobal>

/// One event of the session, addressed as it stays valid: capture position + ordinal.
struct EventRef {
    quint32 capture = 0;
    quint32 ordinal = 0;

    friend bool operator==(const EventRef &, const EventRef &) = default;
    /// Arrival order: by capture, then by place in its Events array.
    friend bool operator<(const EventRef &a, const EventRef &b) {
        return a.capture != b.capture ? a.capture < b.capture : a.ordinal < b.ordinal;
    }
};
static_assert(sizeof(EventRef) == 8, "two 32-bit numbers per event row");
