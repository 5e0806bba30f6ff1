// The WIT language (component-model/WIT.md). Comments go to the hidden channel: wit-parser
// treats every comment directly before an item as its documentation, so the AST builder reads
// them back from the token stream. Names that are keywords only in some places (since,
// unstable, deprecated, version, feature) are plain identifiers here and checked by the builder.
grammar Wit;

witFile
    : topItem* EOF
    ;

// `package a:b;` (the file's package, first) or `package a:b { ... }` (a nested package); which
// one may appear where is checked by the AST builder, so that errors can be worded as wit-parser's.
topItem
    : packageDecl
    | packageItem
    ;

packageDecl
    : attribute* 'package' packageName (';' | '{' (packageItem | packageDecl)* '}')
    ;

packageItem
    : toplevelUse
    | interfaceDecl
    | worldDecl
    ;

packageName
    : id ':' id ('@' version)?
    ;

version
    : VERSION
    ;

toplevelUse
    : attribute* 'use' usePath ('as' id)? ';'
    ;

usePath
    : id                                # localPath
    | id ':' id '/' id ('@' version)?  # packagePath
    ;

interfaceDecl
    : attribute* 'interface' id '{' interfaceItem* '}'
    ;

interfaceItem
    : useDecl
    | typeDecl
    | funcDecl
    ;

useDecl
    : attribute* 'use' usePath '.' '{' (useName (',' useName)* ','?)? '}' ';'
    ;

useName
    : id ('as' id)?
    ;

funcDecl
    : attribute* id ':' funcType ';'
    ;

funcType
    : 'async'? 'func' paramList result?
    ;

paramList
    : '(' (param (',' param)* ','?)? ')'
    ;

param
    : id ':' ty
    ;

result
    : '->' ty
    ;

typeDecl
    : attribute* 'type' id '=' ty ';'        # aliasDecl
    | attribute* 'record' id '{' (field (',' field)* ','?)? '}'      # recordDecl
    | attribute* 'flags' id '{' (flagName (',' flagName)* ','?)? '}' # flagsDecl
    | attribute* 'variant' id '{' (variantCase (',' variantCase)* ','?)? '}' # variantDecl
    | attribute* 'enum' id '{' (enumCase (',' enumCase)* ','?)? '}'   # enumDecl
    | attribute* 'resource' id (';' | '{' resourceItem* '}')           # resourceDecl
    ;

field
    : id ':' ty
    ;

flagName
    : id
    ;

variantCase
    : id ('(' ty ')')?
    ;

enumCase
    : id
    ;

resourceItem
    : attribute* 'constructor' paramList result? ';'  # constructorItem
    | attribute* id ':' 'static'? funcType ';'          # methodItem
    ;

ty
    : 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64' | 'f32' | 'f64'
    | 'char' | 'bool' | 'string' | 'error-context'
    | 'tuple' '<' (ty (',' ty)* ','?)? '>'
    | 'list' '<' ty (',' INTEGER)? '>'
    | 'map' '<' ty ',' ty '>'
    | 'option' '<' ty '>'
    | 'result' ('<' (ty | '_') (',' ty)? '>')?
    | 'future' ('<' ty '>')?
    | 'stream' ('<' ty '>')?
    | 'own' '<' id '>'
    | 'borrow' '<' id '>'
    | id
    ;

worldDecl
    : attribute* 'world' id '{' worldItem* '}'
    ;

worldItem
    : attribute* direction=('import' | 'export') externType    # importExport
    | useDecl                                                   # worldUse
    | typeDecl                                                  # worldType
    | attribute* 'include' usePath ('with' '{' (includeName (',' includeName)* ','?)? '}' | ';') # include
    ;

externType
    : id ':' funcType ';'                                   # externFunc
    | id ':' 'interface' '{' interfaceItem* '}'             # externInterface
    | id ':' usePath ';'                                    # externNamedPath
    | usePath ';'                                           # externPath
    ;

includeName
    : id 'as' id
    ;

attribute
    : '@' id attributeArgs?
    ;

attributeArgs
    : '(' (id '=' (version | id) (',' id '=' (version | id))*)? ')'
    ;

// Every keyword is also a valid name when written with a leading '%'; wit-parser only
// accepts keywords in name position that way, so plain identifiers exclude them.
id
    : ID
    ;

VERSION
    : [0-9]+ '.' [0-9]+ '.' [0-9]+ ('-' SEMVER_IDS)? ('+' SEMVER_IDS)?
    ;

fragment SEMVER_IDS
    : [0-9A-Za-z-]+ ('.' [0-9A-Za-z-]+)*
    ;

INTEGER
    : [0-9]+
    ;

ID
    : '%'? [a-zA-Z] [a-zA-Z0-9-]*
    ;

WS
    : [ \t\r\n]+ -> channel(HIDDEN)
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' (BLOCK_COMMENT | .)*? '*/' -> channel(HIDDEN)
    ;

UNTERMINATED_STRING
    : '"' ~["]*
    ;

STRING
    : '"' ~["]* '"'
    ;

OTHER
    : .
    ;
