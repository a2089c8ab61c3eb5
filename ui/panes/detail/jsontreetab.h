#pragma once

#include "copysource.h"
#include "models/jsontreemodel.h"

#include <QWidget>

class QLabel;
class QToolButton;
class QTreeView;
class SeverityDecoration;

/**
 * The JSON tree tab: the body as a tree (JsonTreeModel) with findings marked,
 * expand/collapse all, and copying of a value or its path (context menu, Ctrl+C
 * copies the selected value). Bodies read leniently are marked as such.
 */
class JsonTreeTab : public QWidget, public CopySource {
    Q_OBJECT

public:
    /// Above this many bytes of body, "Expand all" opens only the first levels.
    static constexpr qsizetype FullExpandLimit = 1024 * 1024;
    static constexpr int LimitedExpandDepth = 2;

    explicit JsonTreeTab(QWidget *parent = nullptr);

    void setBody(const JsonBody &body, const FindingIndex &findings, qsizetype bodySize);
    void showMessage(const QString &message);
    /// Selects the row of `path` (or the nearest existing one, saying so), and gives
    /// the tree the focus unless takeFocus is false.
    bool selectPath(const QString &path, bool takeFocus = true);
    QString selectedPath() const;

    void setSecretsRevealed(bool revealed);
    void expandAll();
    void collapseAll();
    void copyValue();
    bool canCopySelection() const override;
    void copySelection() override { copyValue(); }
    void copyPath();

    JsonTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QString statusText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showContextMenu(const QPoint &position);
    void setStatus(const QString &text, bool warning);

    JsonTreeModel *m_model;
    SeverityDecoration *m_decoration;
    QTreeView *m_view;
    QLabel *m_status;
    QLabel *m_statusIcon;
    QToolButton *m_expand;
    QToolButton *m_collapse;
    qsizetype m_bodySize = 0;
    QString m_baseStatus;
    bool m_baseWarning = false;
};
