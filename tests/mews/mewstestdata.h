#pragma once

// Test data shared by the tests of core/mews: the sample and malformed bodies under
// tests/data, the JSON blocks of the Mews pages in tests/data/seeds, a textual
// repair of the two published defects that is independent of LenientJson, and the
// contract schema as plain JSON.

#include "testsupport.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace MewsTestData {

/// "samples/general-mixed.json", ... for every file in a tests/data folder.
inline QStringList files(const QString &folder, const QString &pattern) {
    QStringList names;
    const QDir dir(TestSupport::dataPath(folder));
    for (const QString &name : dir.entryList({pattern}, QDir::Files, QDir::Name))
        names.append(folder + QLatin1Char('/') + name);
    return names;
}

inline QStringList sampleFiles() {
    return files(QStringLiteral("samples"), QStringLiteral("*.json"));
}

inline QStringList malformedFiles() {
    return files(QStringLiteral("malformed"), QStringLiteral("*.txt"));
}

struct SeedBlock {
    QString name; ///< "seeds/000_....txt block 2"
    QByteArray json;
};

/// Every fenced ```json / ```javascript block of the Mews pages in tests/data/seeds.
inline QList<SeedBlock> seedBlocks() {
    QList<SeedBlock> blocks;
    static const QRegularExpression fence(
        QStringLiteral("```(?:json|javascript)[ \\t]*\\n(.*?)\\n```"),
        QRegularExpression::DotMatchesEverythingOption);
    for (const QString &file : files(QStringLiteral("seeds"), QStringLiteral("*.txt"))) {
        const QString text = QString::fromUtf8(TestSupport::readData(file));
        int n = 0;
        for (auto it = fence.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            blocks.append({file + QStringLiteral(" block ") + QString::number(++n),
                           match.captured(1).toUtf8()});
        }
    }
    return blocks;
}

/// The published defects fixed by text substitution: a comma before ] or }, and a
/// "key": [] written inside the array it should follow (closed there, stray ] dropped).
inline QByteArray repairedText(const QByteArray &text) {
    QString repaired = QString::fromUtf8(text);
    static const QRegularExpression trailingComma(QStringLiteral(",(\\s*[\\]}])"));
    static const QRegularExpression keyInArray(
        QStringLiteral("\\}(\\s*),(\\s*\"[A-Za-z]+\"\\s*:\\s*\\[\\s*\\])(\\s*)\\]"));
    repaired.replace(trailingComma, QStringLiteral("\\1"));
    repaired.replace(keyInArray, QStringLiteral("}]\\1,\\2\\3"));
    return repaired.toUtf8();
}

/// Offset of the first published defect in `text` (trailing comma or key inside an
/// array), found by pattern; -1 when there is none.
inline qsizetype firstDefectOffset(const QByteArray &text) {
    static const QRegularExpression trailingComma(QStringLiteral(",\\s*[\\]}]"));
    static const QRegularExpression keyInArray(
        QStringLiteral("\\}\\s*,\\s*(\"[A-Za-z]+\"\\s*:\\s*\\[\\s*\\])\\s*\\]"));
    const QString string = QString::fromUtf8(text);
    qsizetype best = -1;
    const QRegularExpressionMatch comma = trailingComma.match(string);
    if (comma.hasMatch())
        best = comma.capturedStart();
    const QRegularExpressionMatch key = keyInArray.match(string);
    if (key.hasMatch() && (best < 0 || key.capturedStart(1) < best))
        best = key.capturedStart(1);
    // Offsets in bytes: the prefix is ASCII in these files, but convert to be exact.
    return best < 0 ? -1 : string.left(best).toUtf8().size();
}

/// Line and column (from 1, column in characters) of a byte offset, by splitting lines.
inline QPair<int, int> lineAndColumn(const QByteArray &text, qsizetype offset) {
    const QByteArray before = text.left(offset);
    const int line = int(before.count('\n')) + 1;
    const QByteArray lastLine = before.mid(before.lastIndexOf('\n') + 1);
    return {line, int(QString::fromUtf8(lastLine).toUcs4().size()) + 1};
}

inline QJsonDocument strict(const QByteArray &json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test data is not JSON after repair: %s", qPrintable(error.errorString()));
    return document;
}

/// The contract schema built into the program, read as plain JSON: to check ContractSchema
/// against the raw file, or to edit it into a broken one.
inline QJsonObject schemaJson() {
    QFile file(QStringLiteral(":/schema/mews-contract.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("schema resource missing");
    return strict(file.readAll()).object();
}

} // namespace MewsTestData
