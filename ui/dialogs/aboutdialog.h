#pragma once

#include <QDialog>

/// Help → About: what the app is, its version, the Qt it runs on and its licence (MIT).
class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The text shown (plain), for tests.
    QString text() const { return m_text; }

private:
    QString m_text;
};
