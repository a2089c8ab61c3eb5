#include "scratchhome.h"
#include "session/recentmenu.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>

class TestRecentMenu : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void emptyListSaysSo();
    void newestFirstAndOpens();
    void clearTheList();
    void oneEntryPerFile();

private:
    QString touch(const QString &name);

    QTemporaryDir m_dir;
};

void TestRecentMenu::init() {
    QSettings().clear();
}

QString TestRecentMenu::touch(const QString &name) {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    return path;
}

void TestRecentMenu::emptyListSaysSo() {
    QMenu menu;
    RecentMenu recent(&menu);
    QCOMPARE(menu.actions().size(), 1);
    QCOMPARE(menu.actions().at(0)->text(), QStringLiteral("No recent sessions"));
    QVERIFY(!menu.actions().at(0)->isEnabled());
}

void TestRecentMenu::newestFirstAndOpens() {
    const QString first = touch(QStringLiteral("first.mwsession"));
    const QString second = touch(QStringLiteral("second.mwsession"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QMenu menu;
    RecentMenu recent(&menu);
    recent.add(first);
    recent.add(second);
    // two files, a separator, "Clear the list"
    const QList<QAction *> actions = menu.actions();
    QCOMPARE(actions.size(), 4);
    QCOMPARE(actions.at(0)->text(), QStringLiteral("&1 second.mwsession"));
    QCOMPARE(actions.at(0)->toolTip(), QDir::toNativeSeparators(second));
    QCOMPARE(actions.at(1)->text(), QStringLiteral("&2 first.mwsession"));
    QVERIFY(actions.at(2)->isSeparator());

    QSignalSpy opened(&recent, &RecentMenu::openRequested);
    actions.at(1)->trigger();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), first);

    // a second menu reads the same saved list
    QMenu other;
    RecentMenu again(&other);
    QCOMPARE(other.actions().at(0)->text(), QStringLiteral("&1 second.mwsession"));
}

void TestRecentMenu::clearTheList() {
    QMenu menu;
    RecentMenu recent(&menu);
    recent.add(touch(QStringLiteral("only.mwsession")));
    QCOMPARE(menu.actions().size(), 3);
    menu.actions().last()->trigger();
    QCOMPARE(menu.actions().size(), 1);
    QCOMPARE(menu.actions().at(0)->text(), QStringLiteral("No recent sessions"));
    QMenu other;
    RecentMenu again(&other);
    QCOMPARE(other.actions().size(), 1);
}

void TestRecentMenu::oneEntryPerFile() {
    const QString file = touch(QStringLiteral("linked.mwsession"));
    const QString other = touch(QStringLiteral("other.mwsession"));
    const QString link = m_dir.filePath(QStringLiteral("link.mwsession"));
    QVERIFY(QFile::link(file, link));
    QMenu menu;
    RecentMenu recent(&menu);
    recent.add(file);
    recent.add(other);
    recent.add(link); // the same session, opened through the link
    // two files, a separator, "Clear the list"
    const QList<QAction *> actions = menu.actions();
    QCOMPARE(actions.size(), 4);
    QCOMPARE(actions.at(0)->toolTip(), QDir::toNativeSeparators(link));
    QCOMPARE(actions.at(1)->toolTip(), QDir::toNativeSeparators(other));
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestRecentMenu>(argc, argv, QStringLiteral("tst_recentmenu"));
}

#include "tst_recentmenu.moc"
