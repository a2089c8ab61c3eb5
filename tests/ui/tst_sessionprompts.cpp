#include "session/sessionprompts.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

// The real dialogs of DialogPrompts, answered by a timer that reads the box on screen.
class TestSessionPrompts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void saveUntitledNamesTheCount_data();
    void saveUntitledNamesTheCount();
};

void TestSessionPrompts::saveUntitledNamesTheCount_data() {
    QTest::addColumn<qsizetype>("captures");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("informative");
    QTest::newRow("one")
        << qsizetype(1) << QStringLiteral("Save the capture?")
        << QStringLiteral("The untitled session holds 1 capture that is not saved.")
        << QStringLiteral("Save it before quitting? If you discard it, it is deleted.");
    QTest::newRow("three") << qsizetype(3) << QStringLiteral("Save the captures?")
                           << QStringLiteral(
                                  "The untitled session holds 3 captures that are not saved.")
                           << QStringLiteral("Save them before quitting? If you discard them, "
                                             "they are deleted.");
}

void TestSessionPrompts::saveUntitledNamesTheCount() {
    QFETCH(qsizetype, captures);
    QWidget parent;
    DialogPrompts prompts(&parent);
    QString title;
    QString text;
    QString informative;
    bool answered = false;
    // Polls until the box is up, reads it and cancels it; the single shot below bounds it.
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll.stop();
        title = box->windowTitle();
        text = box->text();
        informative = box->informativeText();
        answered = true;
        box->button(QMessageBox::Cancel)->click();
    });
    poll.start();
    QTimer::singleShot(10000, &parent, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->reject(); // never hang the run
    });
    const SessionPrompts::Answer answer =
        prompts.askSaveUntitled(captures, QStringLiteral("quitting"));
    QVERIFY(answered);
    QCOMPARE(answer, SessionPrompts::Answer::Cancel);
    QTEST(title, "title");
    QTEST(text, "text");
    QTEST(informative, "informative");
}

QTEST_MAIN(TestSessionPrompts)
#include "tst_sessionprompts.moc"
