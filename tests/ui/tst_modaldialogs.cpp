#include "dialogs/modaldialogs.h"

#include <QApplication>
#include <QDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

// ModalDialogs::cancelAll() on real dialogs (offscreen): each modal exec() returns as if
// the user pressed Escape; windows that are not modal stay.

namespace {

/// dialog.exec(), accepted after 10 s if still open so that a failing test ends; false
/// when that happened. *result gets what exec() returned.
bool execWithin10s(QDialog &dialog, int *result = nullptr) {
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &dialog, &QDialog::accept);
    guard.start(10000);
    const int returned = dialog.exec();
    if (result)
        *result = returned;
    return guard.isActive();
}

} // namespace

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
    QVERIFY(execWithin10s(box));
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
    int outerResult = -1;
    QVERIFY(execWithin10s(outer, &outerResult));
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
    QVERIFY(execWithin10s(box));
    QCOMPARE(cancelled, 1);
    QCOMPARE(box.clickedButton(), nullptr);
    QVERIFY(!box.isVisible());
}

QTEST_MAIN(TestModalDialogs)
#include "tst_modaldialogs.moc"
