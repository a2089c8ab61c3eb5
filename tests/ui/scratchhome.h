#pragma once

// The main() of widget tests whose code reads and writes QSettings, live sessions and
// recent files (header-only: each tst_*.cpp is its own executable).

#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace ScratchHome {

/// Runs Test in a QApplication whose home, data and settings folders are a scratch
/// directory, never the user's, named `name` in QSettings.
template <typename Test> int run(int argc, char *argv[], const QString &name) {
    QTemporaryDir home;
    qputenv("HOME", home.path().toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("mwinspector-tests"));
    QCoreApplication::setApplicationName(name);
    Test test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace ScratchHome
