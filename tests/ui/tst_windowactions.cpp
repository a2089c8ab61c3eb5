#include "windowactions.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTest>

// The window's menus as a keyboard user reaches them: Alt+letter, then a letter.
class TestWindowActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eachMenuHasOneItemPerAccessKey();
};

namespace {

/// The access key of a menu text ("Save &as…": 'a'), or a null QChar.
QChar accessKey(const QString &text) {
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            return text.at(i + 1).toLower();
        ++i; // "&&" is a literal '&'
    }
    return {};
}

/// "Menu: 'x' for A and B" for each key two visible items of menu share.
QStringList clashes(const QString &title, const QList<QAction *> &actions) {
    QStringList found;
    QHash<QChar, QString> owner;
    for (const QAction *action : actions) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        const QChar key = accessKey(action->text());
        if (key.isNull())
            continue;
        if (owner.contains(key))
            found.append(QStringLiteral("%1: '%2' for %3 and %4")
                             .arg(title, key, owner.value(key), action->text()));
        else
            owner.insert(key, action->text());
    }
    return found;
}

} // namespace

void TestWindowActions::eachMenuHasOneItemPerAccessKey() {
    QMainWindow window;
    auto *listenerBar = new QWidget;
    WindowActions::create(&window, listenerBar);
    QStringList found = clashes(QStringLiteral("menu bar"), window.menuBar()->actions());
    int menus = 0;
    for (const QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
        found += clashes(menu->title(), menu->actions());
        ++menus;
    }
    QVERIFY(menus >= 5);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral("; "))));
}

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    TestWindowActions test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowactions.moc"
