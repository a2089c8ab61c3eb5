#pragma once

#include "mews/mewsanalysis.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonValue>
#include <QMetaType>

/**
 * A capture's body read as JSON for the detail views: strict JSON through
 * QJsonDocument, anything else through LenientJson so invalid bodies (the
 * published Mews samples with a trailing comma, truncated bodies) can still be
 * browsed. Judges strictness as WebhookDecoder does, so the views and the
 * analysis agree. A value type; read() is reentrant and may run on any thread.
 */
struct JsonBody {
    enum class Form : quint8 {
        None,    ///< nothing readable as JSON (empty, or not JSON at all)
        Strict,  ///< RFC 8259 JSON
        Lenient, ///< not valid JSON, or too deeply nested (error.tooDeep); root is what a
                 ///< lenient read made of it
    };

    Form form = Form::None;
    QJsonValue root;
    JsonError error;       ///< Lenient: the first problem (a repair, or where reading stopped)
    bool complete = false; ///< Lenient: the lenient read reached the end of the body
    qsizetype repairCount = 0;
    /// Numbers root does not hold as they were written (1e400, held as infinity), by JSON
    /// path, as written (LenientJsonResult::numberTexts).
    QHash<QString, QString> numberTexts;

    bool isReadable() const { return form != Form::None; }
    bool isLenient() const { return form == Form::Lenient; }

    /// Reads a body sent with this Content-Type; bodies that are not meant as JSON
    /// (BodySniffer) are not read at all.
    static JsonBody read(const QByteArray &body, QByteArrayView contentType = "application/json");
};

Q_DECLARE_METATYPE(JsonBody)
