#pragma once

#include <QLabel>

/**
 * A one-line plain-text label that, where it is narrower than its text, shows the start
 * of it cut short with '…'; its tooltip then carries the whole text (above the label's
 * own tooltip, if it has one). Its minimum width is a number of characters whatever
 * the text: a long count or file name is cut short instead of keeping the window wide
 * or being clipped at the window's edge, and a count that grows does not make the
 * window's minimum grow with it.
 */
class ElidedLabel : public QLabel {
    Q_OBJECT

public:
    /// minimumChars: the least room it asks for, in average characters.
    explicit ElidedLabel(int minimumChars, QWidget *parent = nullptr);

    /// The text does not fit, and is shown cut short.
    bool isElided() const;
    /// What the tooltip shows: the whole text while it is cut short, then the own tooltip
    /// (only that when it holds the whole text already).
    QString fullToolTip() const;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int m_minimumChars;
};
