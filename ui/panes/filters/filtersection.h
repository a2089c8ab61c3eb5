#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QTreeView;

/**
 * One criterion of the filter pane: a heading and a checkable list with counts
 * (a CheckableListModel, possibly through a proxy), as tall as its rows so the pane
 * scrolls as a whole. Clicking anywhere on a row toggles it; Space does too.
 */
class FilterSection : public QWidget {
    Q_OBJECT

public:
    FilterSection(const QString &title, QAbstractItemModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QString title() const { return m_titleText; }
    /// Rows shown (hidden when empty, e.g. no integration seen yet, unless alwaysShown).
    void setAlwaysShown(bool shown);

private:
    void fit();

    QString m_titleText;
    QLabel *m_title;
    QTreeView *m_view;
    bool m_alwaysShown = false;
};
