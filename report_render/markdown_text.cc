#include "report_render/markdown_text.h"

#include <cmark.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

namespace lkip::render {
namespace {

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct CharFree {
  void operator()(char* text) const { std::free(text); }
};
using Document = std::unique_ptr<cmark_node, NodeFree>;

// "a. ", "b.1 ", "1. ", "2) ", "a.1. ": a point's own marker at the start of `text`: letters or
// numbers of up to three digits joined by dots, ending in a dot or a number, then a space.
bool StartsWithOwnMarker(absl::string_view text) {
  const size_t n = text.size();
  size_t i = 0;
  int tokens = 0;
  bool ends_with_dot = false;
  while (true) {
    if (i < n && std::isalpha(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else {
      const size_t from = i;
      while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      if (i == from || i - from > 3) return false;
    }
    ++tokens;
    ends_with_dot = i < n && (text[i] == '.' || text[i] == ')');
    if (!ends_with_dot) break;
    ++i;
    if (i >= n || !std::isalnum(static_cast<unsigned char>(text[i]))) break;
  }
  return i < n && text[i] == ' ' && (ends_with_dot || tokens > 1);
}

// The first text of an item: the literal of its paragraph's first inline, if that is text.
absl::string_view ItemOpening(cmark_node* item) {
  cmark_node* block = cmark_node_first_child(item);
  // "- 1. ..." is a bullet item holding an ordered list: the number is the item's own marker.
  if (block != nullptr && cmark_node_get_type(block) == CMARK_NODE_LIST &&
      cmark_node_get_list_type(block) == CMARK_ORDERED_LIST) {
    return "1. ";
  }
  if (block == nullptr || cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH) return {};
  cmark_node* inl = cmark_node_first_child(block);
  // "**a.1. SDM**; ..." opens with emphasis around the marker.
  while (inl != nullptr &&
         (cmark_node_get_type(inl) == CMARK_NODE_STRONG || cmark_node_get_type(inl) == CMARK_NODE_EMPH)) {
    inl = cmark_node_first_child(inl);
  }
  if (inl == nullptr || cmark_node_get_type(inl) != CMARK_NODE_TEXT) return {};
  const char* literal = cmark_node_get_literal(inl);
  return literal == nullptr ? absl::string_view() : absl::string_view(literal);
}

bool EveryItemNumbersItself(cmark_node* list) {
  if (cmark_node_get_list_type(list) != CMARK_BULLET_LIST) return false;
  for (cmark_node* item = cmark_node_first_child(list); item != nullptr; item = cmark_node_next(item)) {
    if (!StartsWithOwnMarker(ItemOpening(item))) return false;
  }
  return true;
}

Document Parse(absl::string_view markdown) {
  Document root(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  std::vector<cmark_node*> lists;
  cmark_iter* iter = cmark_iter_new(root.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) cmark_node_set_heading_level(node, 5);
    if (cmark_node_get_type(node) == CMARK_NODE_LIST) lists.push_back(node);
  }
  cmark_iter_free(iter);
  // Innermost first (pre-order reversed), so a nested list is settled before its parent moves it.
  for (auto it = lists.rbegin(); it != lists.rend(); ++it) {
    cmark_node* list = *it;
    if (!EveryItemNumbersItself(list)) continue;
    for (cmark_node* item = cmark_node_first_child(list); item != nullptr; item = cmark_node_next(item)) {
      while (cmark_node* block = cmark_node_first_child(item)) cmark_node_insert_before(list, block);
    }
    cmark_node_free(list);  // unlinks it, with its now empty items
  }
  return root;
}

std::string Take(char* rendered) {
  std::unique_ptr<char, CharFree> owned(rendered);
  return std::string(owned.get());
}

}  // namespace

std::string MarkdownToHtml(absl::string_view markdown) {
  return Take(cmark_render_html(Parse(markdown).get(), CMARK_OPT_DEFAULT));
}

std::string MarkdownToCommonMark(absl::string_view markdown) {
  // Width 0: the writer's lines are not rewrapped.
  return Take(cmark_render_commonmark(Parse(markdown).get(), CMARK_OPT_DEFAULT, 0));
}

}  // namespace lkip::render
