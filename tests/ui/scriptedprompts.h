#pragma once

// Answers SessionPrompts without dialogs, and remembers what was asked (header-only:
// each tst_*.cpp is its own executable).

#include "session/sessionprompts.h"

#include <QStringList>

#include <functional>

class ScriptedPrompts : public SessionPrompts {
public:
    Answer saveUntitled = Answer::Cancel;
    QString savePath;
    QString openPath;
    QString exportPath;
    Recovery recovery = Recovery::Later;
    bool confirmAnswer = true;
    /// Called while the recovery question is "open", before it is answered.
    std::function<void()> whileAskingRecover;

    QStringList asked;         ///< one word per question, in order
    QStringList errors;        ///< "title: text" of every error shown
    QStringList confirmations; ///< "title: text" of every confirmation asked

    Answer askSaveUntitled(qsizetype, const QString &) override {
        asked.append(QStringLiteral("saveUntitled"));
        return saveUntitled;
    }
    QString askSavePath(const QString &) override {
        asked.append(QStringLiteral("savePath"));
        return savePath;
    }
    QString askOpenPath(const QString &, const QString &) override {
        asked.append(QStringLiteral("openPath"));
        return openPath;
    }
    QString askExportPath(const QString &, const QString &, const QString &) override {
        asked.append(QStringLiteral("exportPath"));
        return exportPath;
    }
    Recovery askRecover(const SessionInfo &) override {
        asked.append(QStringLiteral("recover"));
        if (whileAskingRecover)
            whileAskingRecover();
        return recovery;
    }
    bool confirm(const QString &title, const QString &text, const QString &) override {
        asked.append(QStringLiteral("confirm"));
        confirmations.append(title + QStringLiteral(": ") + text);
        return confirmAnswer;
    }
    void showError(const QString &title, const QString &text) override {
        asked.append(QStringLiteral("error"));
        errors.append(title + QStringLiteral(": ") + text);
    }
};
