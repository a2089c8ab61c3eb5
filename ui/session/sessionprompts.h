#pragma once

#include "session/sessionfile.h"

#include <QPointer>
#include <QString>

class QWidget;

/**
 * The questions session handling asks the user. DialogPrompts asks with dialogs;
 * tests answer with a scripted subclass, so no modal dialog ever blocks a test.
 */
class SessionPrompts {
public:
    enum class Answer { Save, Discard, Cancel };
    enum class Recovery { Recover, Discard, Later };

    virtual ~SessionPrompts();

    /// The untitled session holds captures and is about to be left: save it first?
    virtual Answer askSaveUntitled(qsizetype captures, const QString &leaving) = 0;
    /// A file to save a session to (empty: cancelled).
    virtual QString askSavePath(const QString &suggested) = 0;
    /// A file to read: a session or HAR file (empty: cancelled).
    virtual QString askOpenPath(const QString &title, const QString &filter) = 0;
    /// A file to export to (empty: cancelled).
    virtual QString askExportPath(const QString &title, const QString &suggested,
                                  const QString &filter) = 0;
    /// A session a previous run left unsaved.
    virtual Recovery askRecover(const SessionInfo &leftover) = 0;
    virtual bool confirm(const QString &title, const QString &text, const QString &action) = 0;
    virtual void showError(const QString &title, const QString &text) = 0;
};

/// SessionPrompts with QMessageBox and QFileDialog, parented to the window.
class DialogPrompts : public SessionPrompts {
public:
    explicit DialogPrompts(QWidget *parent);

    Answer askSaveUntitled(qsizetype captures, const QString &leaving) override;
    QString askSavePath(const QString &suggested) override;
    QString askOpenPath(const QString &title, const QString &filter) override;
    QString askExportPath(const QString &title, const QString &suggested,
                          const QString &filter) override;
    Recovery askRecover(const SessionInfo &leftover) override;
    bool confirm(const QString &title, const QString &text, const QString &action) override;
    void showError(const QString &title, const QString &text) override;

private:
    QString askFileToWrite(const QString &title, const QString &suggested, const QString &filter,
                           const QString &suffix);

    QPointer<QWidget> m_parent;
};
