#pragma once

#include "analysedcapture.h"
#include "deliverytracker.h"
#include "jsonwriter.h"

#include <QIODevice>
#include <QString>

/**
 * Writes HAR 1.2 (log / creator / entries) one entry at a time, straight into a
 * buffer of about 64 KiB that goes to the device when full, so exporting 100,000
 * captures takes constant memory.
 *
 * Mews data goes into custom fields, as HAR allows for names starting with "_":
 * "_mews" (kind, action, events, findings, ...) and "_capture" (connection id,
 * sequence, remote address, rejection, the exact request head). Secrets are
 * masked unless revealSecrets is set.
 */
class HarWriter {
public:
    struct Options {
        bool revealSecrets = false;
        /// e.g. "http://127.0.0.1:8089"; when empty, from the Host header (or
        /// 127.0.0.1 and the local port).
        QString baseUrl;
    };

    HarWriter(QIODevice *out, const Options &options);

    bool begin(QString *error);
    /// With a delivery (the export holds every capture, DeliveryTracker), "_capture"
    /// says which delivery of its message the capture is, as JSON Lines does.
    bool add(const AnalysedCapture &capture, QString *error,
             const DeliveryTracker::Delivery *delivery = nullptr);
    bool finish(QString *error);

    /// "OK", "No Content", ... ("" when unknown).
    static QString reasonPhrase(int status);

private:
    static constexpr qsizetype FlushBytes = 64 * 1024;

    void writeEntry(JsonWriter &json, const AnalysedCapture &capture,
                    const DeliveryTracker::Delivery *delivery) const;
    /// Hands the buffer to the device and empties it.
    bool write(QString *error);

    QIODevice *m_out;
    Options m_options;
    qint64 m_entries = 0;
    QByteArray m_buffer;
};
