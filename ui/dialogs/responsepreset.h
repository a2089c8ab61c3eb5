#pragma once

#include "http/listenerconfig.h"

#include <QList>
#include <QString>

/**
 * A ready-made answer for trying how an integration fares with each way Mews can see
 * a delivery: success with and without a body, a server error, an outage, and an
 * answer slower than Mews's 5 s.
 */
struct ResponsePreset {
    QString name;
    ResponseSpec response;

    static const QList<ResponsePreset> &all();
    /// The preset that answers exactly so, or -1.
    static int indexOf(const ResponseSpec &response);
};
