#include "dialogs/modaldialogs.h"

#include <QApplication>
#include <QDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

// ModalDialogs::cancelAll() on real dialogs (offscreen): each modal exec() returns as if
// the user pressed Escape; windows that are not modal stay.
class TestModalDialogs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cancelsTheQuestionThatIsOpen();
    void cancelsNestedDialogsAndLeavesTheOthers();
    void aQuestionWithoutAnEscapeButtonIsRejected();
};

void TestModalDialogs::cancelsTheQuestionThatIsOpen() {
    QMessageBox box(QMessageBox::Question, QStringLiteral("Recover?"), QStringLiteral("Recover?"));
    box.addButton(QStringLiteral("Recover"), QMessageBox::AcceptRole);
    QPushButton *later = box.addButton(QStringLiteral("Later"), QMessageBox::RejectRole);
    int cancelled = -1;
    QTimer::singleShot(0, this, [&] {
        QTRY_VERIFY_WITH_TIMEOUT(box.isVisible(), 5000);
        cancelled = ModalDialogs::cancelAll();
    });
    QTimer guard; // a dialog left open would hang the test: end it after 10 s instead
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &box, &QMessageBox::accept);
    guard.start(10000);
    box.exec();
    QVERIFY(guard.isActive());
    QCOMPARE(cancelled, 1);
    QCOMPARE(box.clickedButton(), later);
    QVERIFY(!box.isVisible());
}

void TestModalDialogs::cancelsNestedDialogsAndLeavesTheOthers() {
    QDialog outer;
    QDialog inner(&outer);
    QDialog modeless;
    modeless.show();
    int innerResult = -1;
    int cancelled = -1;
    QTimer::singleShot(0, this, [&] {
        QTimer::singleShot(0, this, [&] { cancelled = ModalDialogs::cancelAll(); });
        innerResult = inner.exec();
    });
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &outer, &QDialog::accept);
    guard.start(10000);
    const int outerResult = outer.exec();
    QVERIFY(guard.isActive());
    QCOMPARE(cancelled, 2);
    QCOMPARE(innerResult, int(QDialog::Rejected));
    QCOMPARE(outerResult, int(QDialog::Rejected));
    QVERIFY(modeless.isVisible());
    QCOMPARE(ModalDialogs::cancelAll(), 0);
}

void TestModalDialogs::aQuestionWithoutAnEscapeButtonIsRejected() {
    QMessageBox box(QMessageBox::Question, QStringLiteral("Sure?"), QStringLiteral("Sure?"));
    box.addButton(QStringLiteral("Go on"), QMessageBox::AcceptRole);
    box.addButton(QStringLiteral("Also go on"), QMessageBox::AcceptRole);
    int cancelled = -1;
    QTimer::singleShot(0, this, [&] { cancelled = ModalDialogs::cancelAll(); });
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &box, &QMessageBox::accept);
    guard.start(10000);
    box.exec();
    QVERIFY(guard.isActive());
    QCOMPARE(cancelled, 1);
    QCOMPARE(box.clickedButton(), nullptr);
    QVERIFY(!box.isVisible());
}

QTEST_MAIN(TestModalDialogs)
#include "tst_modaldialogs.moc"
