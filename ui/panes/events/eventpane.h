#pragma once

#include "models/capturefilter.h"
#include "models/eventref.h"
#include "panes/livetableview.h"

#include <QWidget>

#include <optional>

class CaptureStore;
class EventListModel;
class EventTreeModel;
class QAbstractItemView;
class QStackedWidget;
class QToolButton;
class QTreeView;
class ElidedLabel;

/**
 * The events of the shown captures, as a flat list (one row per event: what a Mews
 * developer usually wants) or as a tree (capture → events → embedded entity), with a
 * toggle between the two. Follows the capture list's filter (setFilter()); selecting a
 * row asks the detail pane to show that capture, event or entity.
 *
 * A new filter keeps the selected row when it passes (without showing it again); one it
 * hides is selected again when a later filter or search match shows it.
 */
class EventPane : public QWidget {
    Q_OBJECT

public:
    explicit EventPane(CaptureStore *store, QWidget *parent = nullptr);

    void setFilter(const CaptureFilter &filter);
    void setFlat(bool flat);
    /// No row selected in the list or the tree (another pane's selection is shown).
    void clearSelection();
    bool isFlat() const { return m_flat; }
    /// "N events" (list) or "N captures" (tree).
    QString title() const;

    EventListModel *listModel() const { return m_listModel; }
    EventTreeModel *treeModel() const { return m_treeModel; }
    LiveTableView *listView() const { return m_list; }
    QTreeView *treeView() const { return m_tree; }
    QByteArray listHeaderState() const;
    void restoreListHeaderState(const QByteArray &state);

Q_SIGNALS:
    void flatChanged(bool flat);
    void captureActivated(qint64 captureId);
    void eventActivated(qint64 captureId, int eventIndex);
    /// An embedded entity: entityIndex into MewsAnalysis::entities.
    void entityActivated(qint64 captureId, int entityIndex);

private:
    void listRowChanged(const QModelIndex &current);
    void treeRowChanged(const QModelIndex &current);
    void updateTitle();
    /// What is selected, in terms that outlive a reset of the models.
    void rememberSelection();
    /// Selects it again where shown (rows first..last of the view's top level, or all).
    void restoreSelection(int first = -1, int last = -1);
    void reselect(QAbstractItemView *view, const QModelIndex &index);

    struct TreeNode {
        qsizetype position = -1; ///< none when negative
        int level = 0;
        int ordinal = 0;
    };

    CaptureStore *m_store;
    EventListModel *m_listModel;
    EventTreeModel *m_treeModel;
    ElidedLabel *m_title;
    QToolButton *m_listButton;
    QToolButton *m_treeButton;
    QStackedWidget *m_stack;
    LiveTableView *m_list;
    QTreeView *m_tree;
    bool m_flat = true;
    bool m_restoring = false;            ///< a selection put back: not the user's choice
    std::optional<EventRef> m_listEvent; ///< the list's selected event, while hidden too
    TreeNode m_treeNode;                 ///< the tree's selected node, while hidden too
};
