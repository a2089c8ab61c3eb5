#pragma once

#include <QByteArray>
#include <QString>

namespace TestSupport {

/// Absolute path of a file under tests/data, e.g. "samples/general-mixed.json".
QString dataPath(const QString &relative);
/// The bytes of a file under tests/data; fails the test (QFAIL-style abort) if missing.
QByteArray readData(const QString &relative);
/// Writes bytes to a new or truncated file; false if that failed.
bool writeFile(const QString &path, const QByteArray &bytes);

} // namespace TestSupport
