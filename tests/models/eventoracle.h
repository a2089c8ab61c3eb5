#pragma once

// The event rows the event models should show, read from the decoder's analyses.

#include "session/analysedcapture.h"

#include <QList>
#include <QString>

namespace EventOracle {

struct Row {
    qint64 captureId = 0;
    int ordinal = 0;
    QString name;
    QString entityId;
    bool included = false;
    bool action = false;
    QString collection;
};

inline QList<Row> rowsOf(const AnalysedCapture &c) {
    QList<Row> rows;
    if (!c.analysed)
        return rows;
    if (c.analysis.kind == WebhookKind::Integration) {
        rows.append({c.capture.id, 0, c.analysis.action, QString(), false, true, QString()});
        return rows;
    }
    for (qsizetype i = 0; i < c.analysis.events.size(); ++i) {
        const WebhookEvent &e = c.analysis.events.at(i);
        rows.append({c.capture.id, int(i), e.discriminator, e.entityId, e.entityIncluded(), false,
                     e.collection});
    }
    return rows;
}

inline QList<Row> rowsOf(const QList<AnalysedCapture> &captures) {
    QList<Row> rows;
    for (const AnalysedCapture &c : captures)
        rows.append(rowsOf(c));
    return rows;
}

} // namespace EventOracle
