#pragma once

// Shared by the CaptureStore tests (tst_capturestore, tst_capturestorehistory,
// tst_capturestorereanalysis).

#include <QByteArray>
#include <QList>

#include <utility>

namespace CaptureStoreTestData {

/// The body of a current-form General webhook of `enterprise` with one event per pair
/// (discriminator, entity id).
inline QByteArray general(const QList<std::pair<const char *, const char *>> &events,
                          const char *enterprise = "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15") {
    QByteArray body = QByteArrayLiteral(R"({"EnterpriseId":")") + enterprise +
                      R"(","IntegrationId":"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Events":[)";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            body += ',';
        body += QByteArrayLiteral(R"({"Discriminator":")") + events.at(i).first +
                R"(","Value":{"Id":")" + events.at(i).second + R"("}})";
    }
    return body + "]}";
}

} // namespace CaptureStoreTestData
