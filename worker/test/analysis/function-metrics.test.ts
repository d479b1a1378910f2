import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSource, mayCallTest } from '../../src/analysis/function-metrics.ts';
import { isTestCase } from '../../src/analysis/function-facts.ts';
import { getParser } from '../../src/analysis/parser.ts';
import { loadTsCorpus, REPO_ROOT } from './corpus.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';

interface Expected {
  name: string;
  complexity: number;
  length?: number;
  maxNesting?: number;
  documented?: boolean;
  public?: boolean;
}

interface Case {
  language: LanguageId;
  title: string;
  source: string;
  functions: Expected[];
  testCases?: number;
}

/** A function declared inside an exported one is local to it: in JavaScript, and in TypeScript with types added (`t`). */
function innerFunctionCase(language: 'javascript' | 'typescript'): Case {
  const t = (type: string) => (language === 'typescript' ? type : '');
  return {
    language,
    title: 'a function declared inside an exported one is local to it',
    source: `/** Makes a counter. */
export function makeCounter(start${t(': number')}) {
  function next(step${t('?: number')})${t(': number')} { return step ? start + step : start + 1; }
  const reset = ()${t(': number')} => start;
  return { next, reset };
}`,
    functions: [
      { name: 'makeCounter', complexity: 1, documented: true, public: true },
      { name: 'next', complexity: 2, public: false },
      { name: 'reset', complexity: 1, public: false },
    ],
  };
}

// Snippets are shaped after real code in each ecosystem; expected numbers are
// counted by hand with the classic cyclomatic rules (1 + one per decision).
const CASES: Case[] = [
  {
    language: 'python',
    title: "Python: a decorator factory — the functions inside a function are local, never public (flask's Flask.route)",
    source: `class Flask:
    def route(self, rule):
        """Register a view."""
        def decorator(f):
            def wrapper(*args):
                return f(*args) if args else f()
            return wrapper
        return decorator
`,
    functions: [
      { name: 'Flask.route', complexity: 1, documented: true, public: true },
      { name: 'Flask.decorator', complexity: 1, documented: false, public: false },
      { name: 'Flask.wrapper', complexity: 2, documented: false, public: false },
    ],
  },
  ...(['javascript', 'typescript'] as const).map(innerFunctionCase),
  {
    language: 'javascript',
    title: 'ESLint classic: defaults, optional chains, logical assignment, case but not default',
    source: `/** Resolve a config value. */
export function resolve(opts = {}, { strict = false } = {}) {
  const value = opts?.value ?? process.env.VALUE;
  opts.cache ||= new Map();
  switch (value) {
    case 'a':
      return strict ? 1 : 2;
    case 'b':
      for (const k of Object.keys(opts)) {
        if (k && opts[k]) { while (false) {} }
      }
      break;
    default:
      return 0;
  }
  try { JSON.parse(value); } catch { return -1; }
}
const handler = async (req) => req.body?.items?.map((i) => i.id);`,
    functions: [
      // 1 + opts= + {strict=} + ={} + ?. + ?? + ||= + case a + ?: + case b + for + if + && + while + catch = 15
      { name: 'resolve', complexity: 15, length: 16, maxNesting: 4, documented: true, public: true },
      { name: 'handler', complexity: 3, length: 1, maxNesting: 0, documented: false, public: false },
      { name: 'handler/<anonymous>', complexity: 1, length: 1 },
    ],
  },
  {
    language: 'typescript',
    title: 'TypeScript parameter defaults and class members',
    source: `export class Queue<T> {
  private items: T[] = [];
  private readonly onDrain = (): void => { if (this.items.length === 0 && this.idle) this.emit(); };
  push(item: T, priority: number = 0, label?: string): number {
    if (priority > 0) this.items.unshift(item);
    else this.items.push(item);
    return label ? this.items.length : -1;
  }
}`,
    functions: [
      { name: 'Queue.items=', complexity: 1 },
      { name: 'Queue.onDrain=', complexity: 1 },
      { name: 'Queue.onDrain', complexity: 3, maxNesting: 1 },
      // 1 + priority=0 + if + ?: = 4
      { name: 'Queue.push', complexity: 4, length: 5, maxNesting: 1, public: true },
    ],
  },
  {
    language: 'tsx',
    title: 'TSX component with conditional rendering',
    source: `export function Badge({ pet, compact = false }: Props) {
  if (!pet) return null;
  return <span className={compact ? 'small' : 'big'}>{pet.name && <b>{pet.name}</b>}</span>;
}`,
    functions: [{ name: 'Badge', complexity: 5, length: 4, maxNesting: 1, public: true }],
  },
  {
    language: 'python',
    title: 'Python: elif, boolean operators, comprehension filters, except, docstring',
    source: `class Loader:
    def load(self, path, strict=False):
        """Load a file."""
        if not path or not strict:
            return None
        elif path.endswith(".json") and strict:
            items = [x for x in open(path) if x.strip()]
        try:
            for item in items:
                while item:
                    item = item[1:]
        except OSError:
            pass
        return items if items else []

def _helper(x):
    return lambda y: x and y
`,
    functions: [
      // 1 + if + or + elif + and + for-clause + if-clause + for + while + except + cond-expr = 11
      { name: 'Loader.load', complexity: 11, length: 13, maxNesting: 3, documented: true, public: true },
      { name: '_helper', complexity: 1, length: 2, documented: false, public: false },
      { name: '_helper/<lambda>', complexity: 2 },
    ],
  },
  {
    language: 'go',
    title: 'Go: methods, switch cases, select, closures',
    source: `// Handle routes a message.
func (s *Server) Handle(msg Message) error {
	if msg.ID == "" || msg.Body == nil {
		return ErrEmpty
	}
	switch msg.Kind {
	case "push":
		for _, c := range msg.Commits {
			if c.Distinct && !c.Skip {
				s.queue <- c
			}
		}
	case "ping", "pong":
		return nil
	default:
		return ErrKind
	}
	done := func() bool { return s.closed }
	_ = done
	return nil
}

func helper() {}`,
    functions: [
      // 1 + if + || + case push + for + if + && + case ping = 8
      // A method is named after its receiver's type, as godoc lists it.
      { name: 'Server.Handle', complexity: 8, length: 20, maxNesting: 3, documented: true, public: true },
      { name: 'Server.Handle/<lambda>', complexity: 1 },
      { name: 'helper', complexity: 1, public: false },
    ],
  },
  {
    language: 'rust',
    title: 'Rust: match arms (not the wildcard), if-else chains, closures, #[test]',
    source: `impl Pet {
    /// Next state after a commit.
    pub fn next(&self, delta: i32) -> State {
        if delta > 0 && self.alive {
            State::Happy
        } else if delta < -10 {
            match self.health {
                0 => State::Dead,
                1..=20 => State::Dying,
                _ => State::Sick,
            }
        } else {
            State::Same
        }
    }
}

#[test]
fn next_is_happy() {
    let pets: Vec<_> = (0..3).map(|i| i * 2).collect();
    for p in pets { assert!(p >= 0); }
}`,
    functions: [
      // 1 + if + && + else-if + 2 non-wildcard arms = 6
      { name: 'Pet.next', complexity: 6, length: 13, maxNesting: 2, documented: true, public: true },
      { name: 'next_is_happy', complexity: 2, maxNesting: 1, public: false },
      { name: 'next_is_happy/<lambda>', complexity: 1 },
    ],
    testCases: 1,
  },
  {
    language: 'java',
    title: 'Java: enhanced for, catch, switch labels, lambdas, @Test',
    source: `public class Scorer {
  /** Scores a pull request. */
  public int score(PullRequest pr) {
    int s = 0;
    for (Review r : pr.reviews()) {
      if (r.approved() && !r.stale()) s += 2;
    }
    switch (pr.state()) {
      case OPEN: s++; break;
      case DRAFT: break;
      default: s--;
    }
    try { s += pr.size() > 500 ? -3 : 1; } catch (IllegalStateException e) { s = 0; }
    pr.labels().forEach(l -> log(l));
    return s;
  }

  @Test
  void scoresOpenPr() { assertEquals(3, new Scorer().score(pr)); }
}`,
    functions: [
      // 1 + for + if + && + case OPEN + case DRAFT + ?: + catch = 8
      { name: 'Scorer.score', complexity: 8, length: 14, maxNesting: 2, documented: true, public: true },
      { name: 'Scorer.score/<lambda>', complexity: 1 },
      { name: 'Scorer.scoresOpenPr', complexity: 1, public: false },
    ],
    testCases: 1,
  },
  {
    language: 'csharp',
    title: 'C#: foreach, ??, case labels, local functions, [Fact]',
    source: `public class Feeder {
    /// <summary>Feed the pet.</summary>
    public int Feed(Pet pet, Food? food) {
        var f = food ?? Food.Default;
        foreach (var item in pet.Bowl) {
            if (item.Fresh || item.Frozen) continue;
        }
        switch (f.Kind) {
            case Kind.Meat: return 2;
            default: return 1;
        }
        int Local(int x) => x > 0 ? x : 0;
    }

    [Fact]
    public void FeedsDefault() { Assert.Equal(1, new Feeder().Feed(pet, null)); }
}`,
    functions: [
      // 1 + ?? + foreach + if + || + case = 6 (Local's ?: is its own)
      { name: 'Feeder.Feed', complexity: 6, length: 11, maxNesting: 2, documented: true, public: true },
      { name: 'Feeder.Local', complexity: 2 },
      { name: 'Feeder.FeedsDefault', complexity: 1, public: true },
    ],
    testCases: 1,
  },
  {
    language: 'ruby',
    title: 'Ruby: modifiers, unless, case/when, rescue',
    source: `class Vet
  # Examine a commit.
  def examine(commit)
    return :skip if commit.nil? || commit.merge?
    unless commit.files.empty?
      commit.files.each do |f|
        score += 1 while f.changed?
      end
    end
    case commit.kind
    when :fix then :good
    when :feat then :great
    else :meh
    end
  rescue ArgumentError
    :bad
  end
end`,
    functions: [
      // 1 + if_modifier + || + unless + while_modifier + when + when + rescue = 8
      { name: 'Vet.examine', complexity: 8, length: 15, maxNesting: 1, documented: true, public: true },
    ],
  },
  {
    language: 'c',
    title: 'C: case (not default), ternary, do-while, static',
    source: `/* Parse one line of a diff header. */
int parse_hunk(const char *line, int *start) {
    if (!line || line[0] != '@') return -1;
    switch (line[1]) {
    case '@': break;
    default: return -2;
    }
    do { line++; } while (*line && *line != '+');
    return start ? *start : 0;
}

static int helper(void) { return 0; }`,
    functions: [
      // 1 + if + || + case + do + && + ?: = 7
      { name: 'parse_hunk', complexity: 7, length: 9, maxNesting: 1, documented: true, public: true },
      { name: 'helper', complexity: 1, public: false },
    ],
  },
  {
    language: 'cpp',
    title: 'C++: range-for, catch, lambdas, qualified names',
    source: `int Analyzer::run(const std::vector<File>& files) {
    int n = 0;
    for (const auto& f : files) {
        try {
            if (f.binary() and not f.empty()) continue;
            n += f.lines();
        } catch (const std::exception& e) {
            n = -1;
        }
    }
    auto big = [](const File& f) { return f.lines() > 1000; };
    return n;
}`,
    functions: [
      // 1 + for + if + and + catch = 5
      { name: 'Analyzer::run', complexity: 5, length: 13, maxNesting: 3 },
      { name: 'Analyzer::run/<lambda>', complexity: 1 },
    ],
  },
  {
    language: 'javascript',
    title: 'test cases counted in the syntax tree',
    source: `describe('pet', () => {
  it('eats', () => {});
  it.each([1, 2])('grows %i', (n) => {});
  test.skip('sleeps', () => {});
  const it2 = () => {};
  it2('not a test');
});`,
    functions: [
      { name: '<anonymous>', complexity: 1 },
      { name: '<anonymous>/<anonymous>', complexity: 1 },
      { name: '<anonymous>/<anonymous>#2', complexity: 1 },
      { name: '<anonymous>/<anonymous>#3', complexity: 1 },
      { name: 'it2', complexity: 1 },
    ],
    testCases: 3,
  },
  {
    language: 'python',
    title: 'pytest functions count as test cases',
    source: `def test_feeds():\n    assert feed() == 1\n\ndef helper():\n    pass\n\nclass TestPet:\n    def test_sleeps(self):\n        pass\n`,
    functions: [
      { name: 'test_feeds', complexity: 1 },
      { name: 'helper', complexity: 1 },
      { name: 'TestPet.test_sleeps', complexity: 1 },
    ],
    testCases: 2,
  },
  {
    language: 'go',
    title: 'Go test functions',
    source: `func TestFeed(t *testing.T) {}\nfunc helper() {}\nfunc BenchmarkFeed(b *testing.B) {}`,
    functions: [
      { name: 'TestFeed', complexity: 1 },
      { name: 'helper', complexity: 1 },
      { name: 'BenchmarkFeed', complexity: 1 },
    ],
    testCases: 2,
  },
  {
    language: 'rust',
    title: "Rust: only a bare `pub` is public API — pub(crate), pub(super), pub(in …) stay in the crate (ripgrep's HiArgs.index)",
    source: `pub struct HiArgs { index: usize }

impl HiArgs {
    pub(crate) fn index(&self) -> usize { self.index }
    pub(super) fn reset(&mut self) { self.index = 0; }
    pub(in crate::flags) fn bump(&mut self) { self.index += 1; }
    pub fn len(&self) -> usize { self.index }
    #[doc(hidden)]
    #[inline]
    pub fn raw(&self) -> usize { self.index }
    /// Gets the response status code (axum's ResponseParts::status).
    #[must_use]
    #[inline]
    pub fn status(&self) -> u16 { 200 }
    /// A comment parted from the item by a blank line.

    #[must_use]
    pub fn parted(&self) -> u16 { 200 }
}`,
    functions: [
      { name: 'HiArgs.index', complexity: 1, public: false },
      { name: 'HiArgs.reset', complexity: 1, public: false },
      { name: 'HiArgs.bump', complexity: 1, public: false },
      { name: 'HiArgs.len', complexity: 1, documented: false, public: true },
      { name: 'HiArgs.raw', complexity: 1, public: false },
      { name: 'HiArgs.status', complexity: 1, documented: true, public: true },
      { name: 'HiArgs.parted', complexity: 1, documented: false, public: true },
    ],
  },
  {
    language: 'java',
    title: "Java: an @Override inherits its documentation, an anonymous class's method is not API, nor a package-private class's (gson's JsonTreeReader, TypeAdapters; javapoet's CodeWriter)",
    source: `public final class JsonTreeReader extends JsonReader {
  @Override
  public double nextDouble() throws IOException { return 0; }

  @Override public long nextLong() { return 1; }

  public static final TypeAdapter<Object> ADAPTER =
      new TypeAdapter<Object>() {
        public Object read(JsonReader in) { return null; }
      };

  public Object peekStack() { return null; }

  public static final class Builder {
    public Builder indent() { return this; }
  }
}

final class CodeWriter {
  public CodeWriter emit(String s) { return this; }
  public static class Nested {
    public void inner() {}
  }
}`,
    functions: [
      { name: 'JsonTreeReader.nextDouble', complexity: 1, public: false },
      { name: 'JsonTreeReader.nextLong', complexity: 1, public: false },
      { name: 'JsonTreeReader.read', complexity: 1, public: false },
      { name: 'JsonTreeReader.peekStack', complexity: 1, documented: false, public: true },
      { name: 'JsonTreeReader.Builder.indent', complexity: 1, documented: false, public: true },
      // A package-private class (javapoet's CodeWriter): its public methods never leave the package.
      { name: 'CodeWriter.emit', complexity: 1, public: false },
      { name: 'CodeWriter.Nested.inner', complexity: 1, public: false },
    ],
  },
  {
    language: 'csharp',
    title: 'C#: an override inherits its documentation; an internal class is no API',
    source: `namespace Pets {
public class Cat : Pet {
    public override string Name() { return "cat"; }
    public string Purr() { return "prr"; }
}
internal class Litter {
    public int Count() { return 3; }
}
}`,
    functions: [
      { name: 'Cat.Name', complexity: 1, public: false },
      { name: 'Cat.Purr', complexity: 1, documented: false, public: true },
      { name: 'Litter.Count', complexity: 1, public: false },
    ],
  },
  {
    language: 'ruby',
    title: "Ruby: methods under a bare private/protected, `private def`, `private :name`, and initialize (always private) are not API (sinatra's Response#calculate_content_length?, rack's Files#initialize)",
    source: `class Response
  def initialize(app)
    @app = app
  end

  def respond_to_missing?(name, include_all = false)
    true
  end

  def finish
    1
  end

  private :finish_later

  def finish_later
    2
  end

  private

  def calculate_content_length?
    3
  end

  def self.build
    4
  end

  protected

  def peer
    5
  end

  public

  def status
    6
  end
end

class Runner
  private def ping
    7
  end

  def call!(env) # :nodoc:
    9
  end

  class Inner
    private

    def hidden
      10
    end
  end

  def after_inner
    11
  end

  def run
    8
  end
end`,
    functions: [
      { name: 'Response.initialize', complexity: 1, public: false },
      { name: 'Response.respond_to_missing?', complexity: 1, public: false },
      { name: 'Response.finish', complexity: 1, documented: false, public: true },
      { name: 'Response.finish_later', complexity: 1, public: false },
      { name: 'Response.calculate_content_length?', complexity: 1, public: false },
      { name: 'Response.build', complexity: 1, public: true },
      { name: 'Response.peer', complexity: 1, public: false },
      { name: 'Response.status', complexity: 1, public: true },
      { name: 'Runner.ping', complexity: 1, public: false },
      { name: 'Runner.call!', complexity: 1, public: false },
      // A nested class's sections are its own: the outer body's methods after it stay public.
      { name: 'Runner.Inner.hidden', complexity: 1, public: false },
      { name: 'Runner.after_inner', complexity: 1, public: true },
      { name: 'Runner.run', complexity: 1, public: true },
    ],
  },
  {
    language: 'cpp',
    title: "C++ read through its library's macros (fmt's FMT_BEGIN_NAMESPACE, FMT_API, FMT_CONSTEXPR, `if FMT_CONSTEXPR20 (`)",
    source: `FMT_BEGIN_NAMESPACE
namespace detail {
FMT_NORETURN FMT_API void report_error(const char* message);
FMT_CONSTEXPR20 inline auto count(int n) -> int {
  if FMT_CONSTEXPR20 (n > 0) return n;
  return 0;
}
}  // namespace detail

class text_style {
 public:
  FMT_CONSTEXPR text_style(int em) noexcept : style_(em) {}
 private:
  int style_;
};
FMT_END_NAMESPACE

TEST_F(Suite, Name)
{
  EXPECT_EQ(1, 1);
}`,
    functions: [
      { name: 'detail.count', complexity: 2, length: 4, public: false },
      { name: 'text_style.text_style', complexity: 1, public: true },
      { name: 'TEST_F', complexity: 1, length: 4 },
    ],
    testCases: 1,
  },
  {
    language: 'cpp',
    title: 'C++ API: not in an anonymous or implementation namespace, not under private:/protected: (a class starts private); a specialisation named on one line',
    source: `namespace fmt {
namespace detail { inline int helper(int a) { return a; } }
namespace { int local() { return 1; } }
class Widget {
  int hidden() { return 0; }
 public:
  int shown() { return 1; }
 protected:
  int family() { return 2; }
};
struct Point { int x() const { return 0; } };
template <typename T>
struct formatter<std::reference_wrapper<T>, char,
                 // Guard against format_as.
                 enable_if_t<is_formattable<T>::value>> {
  auto format(int v) const -> int { return v; }
};
int api() { return 3; }
/**
 * Prints, followed by a newline (fmt's println).
 */
template <typename... T>
void println(T&&... args) { print(args...); }
}`,
    functions: [
      { name: 'fmt.detail.helper', complexity: 1, public: false },
      { name: 'fmt.local', complexity: 1, public: false },
      { name: 'fmt.Widget.hidden', complexity: 1, public: false },
      { name: 'fmt.Widget.shown', complexity: 1, public: true },
      { name: 'fmt.Widget.family', complexity: 1, public: false },
      { name: 'fmt.Point.x', complexity: 1, public: true },
      { name: 'fmt.formatter<std::reference_wrapper<T>, char, enable_if_t<is_formattable<T>::value>>.format', complexity: 1, public: true },
      { name: 'fmt.api', complexity: 1, documented: false, public: true },
      { name: 'fmt.println', complexity: 1, documented: true, public: true },
    ],
  },
  {
    language: 'cpp',
    title: "C++ as nlohmann/json writes it: an access macro (JSON_PRIVATE_UNLESS_TESTED:), a conditional `constexpr`, `push_back(typename T(…))`, macro lines between a doc comment and its function",
    source: `NLOHMANN_BASIC_JSON_TPL_DECLARATION
class basic_json
{
  public:
    template < typename ValueTypeCV, typename ValueType = detail::uncvref_t<ValueTypeCV>>
#if defined(JSON_HAS_CPP_14)
    constexpr
#endif
    auto get() const noexcept -> ValueType
    {
        return get_impl<ValueType>();
    }

    void push_back(initializer_list_t init)
    {
        if (is_object() && init.size() == 2 && (*init.begin())->is_string())
        {
            basic_json&& key = init.begin()->moved_or_copied();
            push_back(typename object_t::value_type(
                          std::move(key.get_ref<string_t&>()), (init.begin() + 1)->moved_or_copied()));
        }
        else
        {
            push_back(basic_json(init));
        }
    }

    /// @brief helper type for iteration proxy
    JSON_HEDLEY_DEPRECATED_FOR(3.1.0, items()) // NOLINT(readability/alt_tokens)
    static iteration_proxy<iterator> iterator_wrapper(reference ref) noexcept
    {
        return ref.items();
    }

  JSON_PRIVATE_UNLESS_TESTED:
    void set_parents()
    {
        if (m_parent) m_parent = this;
    }

    struct data
    {
        data(const value_t v) : m_type(v) {}
        ~data() noexcept { destroy(m_type); }
    };

  public:
    struct proxy
    {
        int key() const { return 0; }
    };

  public:
    /// @brief return the type as string
    JSON_HEDLEY_RETURNS_NON_NULL
    const char* type_name() const noexcept
    {
        return "null";
    }

    const char* undocumented() const noexcept
    {
        return "null";
    }
};

/// @brief exchanges the values of two JSON objects
NLOHMANN_BASIC_JSON_TPL_DECLARATION
inline void swap(basic_json& j1, basic_json& j2) noexcept
{
    j1.swap(j2);
}

/// a section comment, a blank line after it

void after_blank() {}
static void file_local() {}`,
    functions: [
      { name: 'basic_json.get', complexity: 1, public: true },
      { name: 'basic_json.push_back', complexity: 4, length: 13, public: true },
      { name: 'basic_json.iterator_wrapper', complexity: 1, documented: true, public: true },
      { name: 'basic_json.set_parents', complexity: 2, public: false },
      // A struct in a private section: its members are public to it, not to anyone outside basic_json.
      { name: 'basic_json.data.data', complexity: 1, public: false },
      { name: 'basic_json.data.~data', complexity: 1, public: false },
      { name: 'basic_json.proxy.key', complexity: 1, public: true },
      { name: 'basic_json.type_name', complexity: 1, documented: true, public: true },
      { name: 'basic_json.undocumented', complexity: 1, documented: false, public: true },
      { name: 'swap', complexity: 1, documented: true, public: true },
      { name: 'after_blank', complexity: 1, documented: false, public: true },
      // `static` in a class makes a class member (iterator_wrapper, above), outside one a file-local function.
      { name: 'file_local', complexity: 1, public: false },
    ],
  },
  {
    language: 'c',
    title: 'C: a capitalised return type is kept (UINT_PTR), an export macro is not',
    source: `UINT_PTR handle_of(int x) {
  if (x) return 1;
  return 0;
}
MY_API int exported(int y) { return y ? 1 : 2; }`,
    functions: [
      { name: 'handle_of', complexity: 2, length: 4, public: true },
      { name: 'exported', complexity: 2, public: true },
    ],
  },
  {
    language: 'c',
    title: "C: a file's own macro for `static` makes a function file-local (hiredis's vendored ffc.h)",
    source: `#define ffc_internal static
#define ffc_inline inline
ffc_internal ffc_inline
unsigned bits(double d) { return d > 0 ? 1 : 0; }
ffc_inline int ffc_parse(const char *s) { return s ? 1 : 0; }`,
    functions: [
      { name: 'bits', complexity: 2, public: false },
      { name: 'ffc_parse', complexity: 2, public: true },
    ],
  },
  {
    language: 'cpp',
    title: "C++: `T&&` (rvalue and forwarding references) is a type, not a logical and; `&&` and `and` in expressions are",
    source: `void take(std::string&& s) { sink(s); }
template <typename... T> void forward_all(T&&... args) { print(std::forward<T>(args)...); }
bool both(int a, int b) { return a && b || (a and b); }`,
    functions: [
      { name: 'take', complexity: 1 },
      { name: 'forward_all', complexity: 1 },
      { name: 'both', complexity: 4 },
    ],
  },
  {
    language: 'rust',
    title: 'Rust: `&&` in a type or a pattern is two borrows, not a logical and',
    source: `fn first(words: &[&&str]) -> bool {
    match words {
        [&&w] if w.len() > 1 && w != "a" => true,
        _ => false,
    }
}`,
    functions: [
      // 1 + one non-wildcard arm + the && in its guard
      { name: 'first', complexity: 3 },
    ],
  },
  {
    language: 'python',
    title: "Python API: no dunders, no methods of a private class, no @override methods; @overload stubs are no functions (click's types.py, shell_completion.py, _termui_impl.py)",
    source: `import typing as t

class ParamType:
    """A parameter type."""

    def __call__(self, value):
        return self.convert(value)

    def convert(self, value):
        return value

class File(ParamType):
    @t.override
    def convert(self, value):
        return open(value)

class _PagerWriter:
    def write(self, text):
        return len(text)

@t.overload
def get_completion_class(shell: t.Literal["bash"]) -> int: ...
@t.overload
def get_completion_class(shell: str) -> int | None: ...
def get_completion_class(shell: str) -> int | None:
    """Look up a completion class."""
    return None
`,
    functions: [
      { name: 'ParamType.__call__', complexity: 1, public: false },
      { name: 'ParamType.convert', complexity: 1, documented: false, public: true },
      { name: 'File.convert', complexity: 1, public: false },
      { name: '_PagerWriter.write', complexity: 1, public: false },
      // The @overload stubs are no functions: the implementation keeps the name (requests' typed iter_lines).
      { name: 'get_completion_class', complexity: 1, documented: true, public: true },
    ],
  },
  {
    language: 'python',
    title: "Python: a method overriding a documented method of a base class in the same module is documented by it (jinja's loaders.py)",
    source: `class BaseLoader:
    def get_source(self, environment, template):
        """Get the template source."""
        raise NotImplementedError

class FileSystemLoader(BaseLoader):
    def get_source(self, environment, template):
        return 1

class PackageLoader(FileSystemLoader):
    def get_source(self, environment, template):
        return 2

    def list_templates(self):
        return []

class Other(dict):
    def get_source(self):
        return 3
`,
    functions: [
      { name: 'BaseLoader.get_source', complexity: 1, documented: true, public: true },
      { name: 'FileSystemLoader.get_source', complexity: 1, documented: true, public: true },
      // Through FileSystemLoader to BaseLoader.
      { name: 'PackageLoader.get_source', complexity: 1, documented: true, public: true },
      { name: 'PackageLoader.list_templates', complexity: 1, documented: false, public: true },
      // Its base is out of sight: still wants its own.
      { name: 'Other.get_source', complexity: 1, documented: false, public: true },
    ],
  },
  {
    language: 'typescript',
    title: "TypeScript: an exported class's `_name` and `#name` members are internal (zod's ZodFunction._parse)",
    source: `export class ZodFunction {
  _parse(input: string): string { return input; }
  #cache(): void {}
  parse(input: string): string { return this._parse(input); }
}`,
    functions: [
      { name: 'ZodFunction._parse', complexity: 1, public: false },
      { name: 'ZodFunction.#cache', complexity: 1, public: false },
      { name: 'ZodFunction.parse', complexity: 1, documented: false, public: true },
    ],
  },
  {
    language: 'javascript',
    title: 'JavaScript (meriyah): the same for `_name`',
    source: `export class Cache {
  _evict(key) { return key; }
  get(key) { return this._evict(key); }
}`,
    functions: [
      { name: 'Cache._evict', complexity: 1, public: false },
      { name: 'Cache.get', complexity: 1, public: true },
    ],
  },
  {
    language: 'python',
    title: 'Python: a module with __all__ exports only the names it lists',
    source: `__all__: list[str] = ["echo", "Context"]
__all__ += ("style",)

def echo(message):
    return message

def style(text):
    return text

def make_str(value):
    return str(value)

class Context:
    def invoke(self):
        return 1

class Helper:
    def run(self):
        return 2
`,
    functions: [
      { name: 'echo', complexity: 1, public: true },
      { name: 'style', complexity: 1, public: true },
      { name: 'make_str', complexity: 1, public: false },
      { name: 'Context.invoke', complexity: 1, public: true },
      { name: 'Helper.run', complexity: 1, public: false },
    ],
  },
  {
    language: 'go',
    title: "Go: an exported method of an unexported type is not API (gin's bsonBinding.Name)",
    source: `package binding

type bsonBinding struct{}

func (bsonBinding) Name() string { return "bson" }

func (b *bsonBinding) Bind(v any) error { return nil }

type Engine[T any] struct{}

func (e *Engine[T]) Run() error { return nil }

func Default() *Engine[int] { return nil }
`,
    functions: [
      { name: 'bsonBinding.Name', complexity: 1, public: false },
      { name: 'bsonBinding.Bind', complexity: 1, public: false },
      { name: 'Engine.Run', complexity: 1, documented: false, public: true },
      { name: 'Default', complexity: 1, documented: false, public: true },
    ],
  },
  ...(['javascript', 'typescript'] as const).map(
    (language): Case => ({
      language,
      title: "an object literal's methods handed to a call, however deep in its arguments, are its options, not the module's API (refined-github's CachedFunction); an exported object's are",
      source: `export const cachedCount = new CachedFunction('count', {
  async updater(user) { return user ? 1 : 0; },
  cacheKey: (user) => user,
});
export const settings = configure({ onChange() { return 1; } });
export default defineConfig({ plugins: [{ name: 'raw', transform(code) { return code; } }] });
export const api = {
  get(id) { return id; },
};
/** A cycle was found. */
export class CyclicError extends Error {
  constructor(path) { super(path); }
}`,
      functions: [
        { name: 'updater', complexity: 2, public: false },
        { name: 'cacheKey', complexity: 1, public: false },
        { name: 'onChange', complexity: 1, public: false },
        // However deep in the call's arguments (preact's vitest.config.mjs).
        { name: 'transform', complexity: 1, public: false },
        { name: 'get', complexity: 1, documented: false, public: true },
        // A constructor is documented with its class (zod's $ZodCyclicError).
        { name: 'CyclicError.constructor', complexity: 1, public: false },
      ],
    }),
  ),
];

describe('analyseSource: per-function metrics from real syntax trees', () => {
  it.each(CASES)('$language — $title', async ({ language, source, functions, testCases }) => {
    const result = await analyseSource(source, language, { countTests: true });
    expect(result.hasErrors).toBe(false);
    const actual = result.functions.map((f) => {
      const picked: Record<string, unknown> = { name: f.name, complexity: f.complexity };
      return picked;
    });
    expect(actual).toEqual(functions.map((f) => ({ name: f.name, complexity: f.complexity })));
    for (const want of functions) {
      const got = result.functions.find((f) => f.name === want.name);
      expect(got, want.name).toBeDefined();
      if (!got) continue;
      if (want.length !== undefined) expect(got.length, `${want.name} length`).toBe(want.length);
      if (want.maxNesting !== undefined) expect(got.maxNesting, `${want.name} nesting`).toBe(want.maxNesting);
      if (want.documented !== undefined) expect(got.documented, `${want.name} documented`).toBe(want.documented);
      if (want.public !== undefined) expect(got.public, `${want.name} public`).toBe(want.public);
    }
    if (testCases !== undefined) expect(result.testCases).toBe(testCases);
  });

  // An else-if chain is one level deep however long it is (ESLint max-depth does the same).
  it.each([
    ['javascript', 'function f(a) { if (a == 1) {} else if (a == 2) {} else if (a == 3) {} else {} }'],
    ['typescript', 'function f(a: number) { if (a == 1) {} else if (a == 2) {} else if (a == 3) {} }'],
    ['java', 'class A { int f(int a) { if (a == 1) {} else if (a == 2) {} else if (a == 3) {} return 0; } }'],
    ['csharp', 'class A { int F(int a) { if (a == 1) {} else if (a == 2) {} else if (a == 3) {} return 0; } }'],
    ['c', 'int f(int a) { if (a == 1) {} else if (a == 2) {} else if (a == 3) {} return 0; }'],
    ['cpp', 'int f(int a) { if (a == 1) {} else if (a == 2) {} else if (a == 3) {} return 0; }'],
    ['go', 'func f(a int) { if a == 1 {} else if a == 2 {} else if a == 3 {} }'],
    ['rust', 'fn f(a: i32) { if a == 1 {} else if a == 2 {} else if a == 3 {} }'],
    ['python', 'def f(a):\n    if a == 1:\n        pass\n    elif a == 2:\n        pass\n    elif a == 3:\n        pass\n'],
    ['ruby', 'def f(a)\n  if a == 1\n  elsif a == 2\n  elsif a == 3\n  end\nend\n'],
  ] as [LanguageId, string][])('%s: else-if chains do not nest, and each branch counts', async (language, source) => {
    const [fn] = (await analyseSource(source, language)).functions;
    expect(fn).toMatchObject({ complexity: 4, maxNesting: 1 });
  });

  it('counts comment lines and total lines', async () => {
    const result = await analyseSource('// a\n/* b\n c */\nconst x = 1; // d\n', 'javascript');
    expect(result.lines).toBe(4);
    expect(result.commentLines).toBe(4);
  });

  it('gives up on a parse that exceeds its time limit, and the parser still works afterwards', async () => {
    const huge = 'function f(a) { return a && a.b || a.c; }\n'.repeat(50_000);
    await expect(analyseSource(huge, 'javascript', { timeoutMicros: 1_000 })).rejects.toThrow(/timed out/);
    const next = await analyseSource('function g(a) { return a ?? 1; }', 'javascript');
    expect(next.functions).toEqual([expect.objectContaining({ name: 'g', complexity: 2 })]);
  });

  it('survives syntax errors and still reports the functions it can see', async () => {
    const result = await analyseSource('function ok(a) { return a && 1 }\nfunction broken( {', 'javascript');
    expect(result.hasErrors).toBe(true);
    expect(result.functions[0]).toMatchObject({ name: 'ok', complexity: 2 });
  });
});

describe('the text check before a JS/TS call is read as a test case', () => {
  // collect() asks isTestCase only about calls whose text starts like a test callee (mayCallTest):
  // every call isTestCase accepts must pass that check. This repository's test files are full of
  // `it(`, `it.each(…)(`, `test(`, `describe(`; the TypeScript corpus has none, and many other calls.
  it('passes every call isTestCase accepts', async () => {
    const dir = join(REPO_ROOT, 'worker', 'test', 'analysis');
    const files = [
      ...readdirSync(dir).filter((n) => n.endsWith('.test.ts')).map((n) => ({ path: n, source: readFileSync(join(dir, n), 'utf8') })),
      ...loadTsCorpus(0.5),
    ];
    const parser = await getParser('typescript');
    let tests = 0;
    let skipped = 0;
    for (const { path, source } of files) {
      const tree = parser.parse(source);
      try {
        if (tree.rootNode.hasError) continue;
        for (const call of tree.rootNode.descendantsOfType('call_expression')) {
          const mayBe = mayCallTest(source, call.startIndex);
          if (isTestCase(call, 'typescript')) {
            tests++;
            expect(mayBe, `${path}:${call.startPosition.row + 1}`).toBe(true);
          } else if (!mayBe) skipped++;
        }
      } finally {
        tree.delete();
      }
    }
    expect(tests).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(tests);
  }, 60_000);
});
