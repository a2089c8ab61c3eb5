#pragma once

#include <QTableView>

/**
 * A QTableView whose rows keep arriving while it is shown (the capture and event lists).
 *
 * QTableView lays itself out and repaints every row on screen for each insert. Rows
 * added after the last row on screen change nothing the user sees but the scroll bar,
 * so then only the scroll bar and headers are laid out: under load, full repaints for
 * every batch were half of the window's time. Subclasses react to arrivals (scrolling,
 * compensation) in rowsArrived(), after the new rows are laid out.
 *
 * Tab leaves the list for the next pane, as in any other widget: these lists select
 * whole rows, and Tab moving from cell to cell only selected the next row at the end
 * of one, so the keyboard could not get out. For the same reason Home and End go to the
 * first and last row, as in Wireshark's packet list, not to the first and last column.
 *
 * The current row on screen stays on screen when the list gets smaller
 * (CurrentInView::resizeKeepingCurrent()).
 *
 * However small the window, the list shows MinimumRows whole rows and MinimumChars
 * characters across (minimumSizeHint()); smaller, a list is a sliver nobody can read.
 */
class LiveTableView : public QTableView {
    Q_OBJECT

public:
    explicit LiveTableView(QWidget *parent = nullptr);

    /// The least a list shows, in rows of the default height and average characters.
    static constexpr int MinimumRows = 4;
    static constexpr int MinimumChars = 24;

    void setModel(QAbstractItemModel *model) override;
    void doItemsLayout() override;
    QSize minimumSizeHint() const override;

    /// Every row is height pixels, and the user cannot resize them. The live lists use
    /// this: a fixed header never asks the model for row heights, and the view can tell
    /// where an arrival lands without QHeaderView::logicalIndexAt(), which recomputes
    /// every row's position after each insert (O(rows) per batch). It also scrolls per
    /// pixel, which spares QTableView::updateGeometries() the same recomputation.
    void setUniformRowHeight(int height);
    /// The first row with a pixel on screen, or -1 when there is none (what rowAt(0) says).
    int firstRowOnScreen() const;
    /// The last row with a pixel on screen, or -1 when the rows end above the bottom
    /// edge (what rowAt(viewport()->height() - 1) says).
    int lastRowOnScreen() const;
    /// Scrolls down by rows whole rows (up when negative), whatever the scroll mode.
    void scrollByRows(int rows);
    /// Scrolls up or down to show index as hint says, never sideways.
    void scrollToRow(const QModelIndex &index, ScrollHint hint);

protected:
    /// Top-level rows first..last were inserted and are laid out; keeps what the user
    /// reads in place unless overridden.
    virtual void rowsArrived(int first, int last);
    /// After rows first..last were inserted above the first row on screen (while scrolled
    /// down or while a row is current), or above the current row while it was on screen,
    /// scrolls by as many rows: the rows the user reads do not move.
    void keepInPlace(int first, int last);
    /// True while the view brings the newest rows into sight: every arrival repaints.
    virtual bool followsArrivals() const { return false; }
    /// Focus alone makes no row current (QAbstractItemView makes the first one current).
    void focusInEvent(QFocusEvent *event) override;
    /// The viewport's new size (QAbstractScrollArea).
    void resizeEvent(QResizeEvent *event) override;
    /// Home and End (with or without Ctrl) go to the first and last row, in the current column.
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;

private:
    void onRowsInserted(const QModelIndex &parent, int first, int last);

    QMetaObject::Connection m_inserted;
    bool m_appendedOffScreen = false; ///< the pending layout only adds rows below the screen
    bool m_uniformRows = false;
};
