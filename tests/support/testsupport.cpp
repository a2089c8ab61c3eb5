#include "testsupport.h"

#include <QFile>
#include <QTest>

namespace TestSupport {

QString dataPath(const QString &relative) {
    return QStringLiteral(MWI_TEST_DATA_DIR "/") + relative;
}

QByteArray readData(const QString &relative) {
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("test data missing: %s", qPrintable(file.fileName()));
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size() && file.flush();
}

} // namespace TestSupport
