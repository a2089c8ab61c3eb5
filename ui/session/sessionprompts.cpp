#include "sessionprompts.h"

#include "text/countedtext.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

SessionPrompts::~SessionPrompts() = default;

DialogPrompts::DialogPrompts(QWidget *parent)
    : m_parent(parent) {
}

SessionPrompts::Answer DialogPrompts::askSaveUntitled(qsizetype captures, const QString &leaving) {
    // Whole sentences for one capture: the pronouns change too.
    const bool one = captures == 1;
    QMessageBox box(QMessageBox::Warning,
                    one ? QStringLiteral("Save the capture?")
                        : QStringLiteral("Save the captures?"),
                    one ? QStringLiteral("The untitled session holds 1 capture that is not saved.")
                        : QStringLiteral("The untitled session holds %1 captures that are not "
                                         "saved.")
                              .arg(QLocale().toString(captures)),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_parent);
    box.setInformativeText(
        (one ? QStringLiteral("Save it before %1? If you discard it, it is deleted.")
             : QStringLiteral("Save them before %1? If you discard them, they are deleted."))
            .arg(leaving));
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return Answer::Save;
    case QMessageBox::Discard:
        return Answer::Discard;
    default:
        return Answer::Cancel;
    }
}

QString DialogPrompts::askSavePath(const QString &suggested) {
    return askFileToWrite(QStringLiteral("Save session as"), suggested,
                          QStringLiteral("Sessions (*.mwsession);;All files (*)"),
                          QStringLiteral("mwsession"));
}

QString DialogPrompts::askFileToWrite(const QString &title, const QString &suggested,
                                      const QString &filter, const QString &suffix) {
    // With the default suffix the dialog adds it before it checks for an existing file,
    // so it asks about the file that is written, not the name as typed.
    QFileDialog dialog(m_parent, title, suggested, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setDefaultSuffix(suffix);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return QString();
    return dialog.selectedFiles().constFirst();
}

QString DialogPrompts::askOpenPath(const QString &title, const QString &filter) {
    return QFileDialog::getOpenFileName(m_parent, title, QString(), filter);
}

QString DialogPrompts::askExportPath(const QString &title, const QString &suggested,
                                     const QString &filter) {
    return askFileToWrite(title, suggested, filter, QFileInfo(suggested).suffix());
}

SessionPrompts::Recovery DialogPrompts::askRecover(const SessionInfo &leftover) {
    QMessageBox box(
        QMessageBox::Question, QStringLiteral("Recover unsaved captures?"),
        QStringLiteral("A previous run ended without saving its session: %1, "
                       "started %2.")
            .arg(CountedText::localized(leftover.captureCount, "capture"_L1, "captures"_L1))
            .arg(QLocale().toString(
                QDateTime::fromString(leftover.createdUtc, Qt::ISODate).toLocalTime(),
                QLocale::ShortFormat)),
        QMessageBox::NoButton, m_parent);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(QStringLiteral("Recover opens them as the current untitled session. "
                                          "Later keeps them for the next start."));
    QPushButton *recover = box.addButton(QStringLiteral("Recover"), QMessageBox::AcceptRole);
    QPushButton *discard = box.addButton(QStringLiteral("Discard"), QMessageBox::DestructiveRole);
    box.addButton(QStringLiteral("Later"), QMessageBox::RejectRole);
    box.setDefaultButton(recover);
    box.exec();
    if (box.clickedButton() == recover)
        return Recovery::Recover;
    if (box.clickedButton() == discard)
        return Recovery::Discard;
    return Recovery::Later;
}

bool DialogPrompts::confirm(const QString &title, const QString &text, const QString &action) {
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, m_parent);
    box.setTextFormat(Qt::PlainText);
    QPushButton *accept = box.addButton(action, QMessageBox::AcceptRole);
    box.setDefaultButton(accept);
    box.exec();
    return box.clickedButton() == accept;
}

void DialogPrompts::showError(const QString &title, const QString &text) {
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, m_parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}
